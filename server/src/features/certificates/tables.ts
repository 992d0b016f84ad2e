import { bigint, boolean, date, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CertificateStatus } from './workflow';

// Mirrors migrations/0013_certificates.sql (the migration is the source of truth).

export type Texts = Record<string, string>;
export type FeeStatus = 'none' | 'unpaid' | 'paid' | 'cancelled';
export type ActorKind = 'citizen' | 'staff' | 'system';

export interface PostalAddress {
  street: string;
  zipcode: string;
  city: string;
  province?: string | undefined;
  careOf?: string | undefined;
}

export const certificateRules = pgTable('certificate_rules', {
  validFrom: date('valid_from', { mode: 'string' }).primaryKey(),
  stampDutyCents: integer('stamp_duty_cents').notNull(),
  validityMonths: smallint('validity_months').notNull(),
  deliveryWorkingDays: smallint('delivery_working_days').notNull(),
  approvalRequiresPayment: boolean('approval_requires_payment').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const certificateTypes = pgTable('certificate_types', {
  code: text('code').primaryKey(),
  position: smallint('position').notNull(),
  alwaysExempt: boolean('always_exempt').notNull(),
  exemptReference: text('exempt_reference'),
  names: jsonb('names').$type<Texts>().notNull(),
  descriptions: jsonb('descriptions').$type<Texts>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const certificateExemptions = pgTable('certificate_exemptions', {
  code: text('code').primaryKey(),
  position: smallint('position').notNull(),
  legalReference: text('legal_reference').notNull(),
  labels: jsonb('labels').$type<Texts>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const certificateRequests = pgTable('certificate_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  certificateType: text('certificate_type').notNull(),
  fiscalCode: text('fiscal_code').notNull(),
  recipientName: text('recipient_name').notNull(),
  address: jsonb('address').$type<PostalAddress>().notNull(),
  language: text('language').notNull(),
  email: text('email'),
  phone: text('phone'),
  exemptionCode: text('exemption_code'),
  stampDutyCents: integer('stamp_duty_cents').notNull(),
  feeStatus: text('fee_status').$type<FeeStatus>().notNull(),
  noticeId: uuid('notice_id'),
  status: text('status').$type<CertificateStatus>().notNull(),
  filedBy: text('filed_by').$type<'citizen' | 'agent'>().notNull(),
  filedByUser: uuid('filed_by_user'),
  idempotencyKey: text('idempotency_key'),
  requestHash: text('request_hash'),
  expectedDelivery: date('expected_delivery', { mode: 'string' }),
  issuedOn: date('issued_on', { mode: 'string' }),
  validUntil: date('valid_until', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const certificateRequestHistory = pgTable('certificate_request_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  requestId: uuid('request_id').notNull(),
  fromStatus: text('from_status').$type<CertificateStatus | null>(),
  toStatus: text('to_status').$type<CertificateStatus>().notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorKind: text('actor_kind').$type<ActorKind>().notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  note: text('note'),
});
