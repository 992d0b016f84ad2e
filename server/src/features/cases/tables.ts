import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AttributeDefinition, AttributeValues } from './attributes';

// Mirrors migrations/0010_cases_open311.sql (the migration is the source of truth).

export const caseStatuses = ['open', 'acknowledged', 'in_progress', 'closed', 'rejected'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export const caseChannels = ['open311', 'phone', 'webchat', 'email', 'messaging', 'form', 'counter'] as const;
export type CaseChannel = (typeof caseChannels)[number];
export const serviceTypes = ['realtime', 'batch', 'blackbox'] as const;
export type ServiceType = (typeof serviceTypes)[number];
export type Texts = Record<string, string>;

export const caseSettings = pgTable('case_settings', {
  id: boolean('id').primaryKey(),
  jurisdictionId: text('jurisdiction_id').notNull(),
  businessHours: text('business_hours').notNull(),
  contact: text('contact').notNull(),
  keyService: text('key_service').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const caseServices = pgTable('case_services', {
  code: text('code').primaryKey(),
  names: jsonb('names').$type<Texts>().notNull(),
  descriptions: jsonb('descriptions').$type<Texts>().notNull(),
  groups: jsonb('groups').$type<Texts>().notNull(),
  notices: jsonb('notices').$type<Texts>().notNull(),
  keywords: text('keywords').array().notNull(),
  type: text('type').$type<ServiceType>().notNull(),
  attributes: jsonb('attributes').$type<AttributeDefinition[]>().notNull(),
  department: text('department').notNull(),
  slaBusinessHours: integer('sla_business_hours').notNull(),
  position: integer('position').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey(),
  number: bigint('number', { mode: 'number' }).notNull().default(sql`nextval('case_number_seq')`),
  serviceCode: text('service_code').notNull(),
  department: text('department').notNull(),
  status: text('status').$type<CaseStatus>().notNull(),
  statusNotes: text('status_notes'),
  attributes: jsonb('attributes').$type<AttributeValues>().notNull(),
  description: text('description'),
  lat: numeric('lat', { precision: 9, scale: 6, mode: 'number' }),
  long: numeric('long', { precision: 9, scale: 6, mode: 'number' }),
  address: text('address'),
  addressId: text('address_id'),
  zipcode: text('zipcode'),
  mediaUrl: text('media_url'),
  requesterFirstName: text('requester_first_name'),
  requesterLastName: text('requester_last_name'),
  requesterEmail: text('requester_email'),
  requesterPhone: text('requester_phone'),
  citizenId: uuid('citizen_id'),
  contactId: uuid('contact_id'),
  accountId: text('account_id'),
  deviceId: text('device_id'),
  channel: text('channel').$type<CaseChannel>().notNull(),
  language: text('language').notNull(),
  token: text('token'),
  apiKeyId: uuid('api_key_id'),
  createdBy: uuid('created_by'),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  expectedAt: timestamp('expected_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

export const caseStatusHistory = pgTable('case_status_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id').notNull(),
  fromStatus: text('from_status').$type<CaseStatus>(),
  toStatus: text('to_status').$type<CaseStatus>().notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  note: text('note'),
  public: boolean('public').notNull(),
});

export const caseNotes = pgTable('case_notes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  authorId: uuid('author_id'),
  authorName: text('author_name').notNull(),
  visibility: text('visibility').$type<'public' | 'internal'>().notNull(),
  body: text('body').notNull(),
});
