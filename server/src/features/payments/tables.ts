import { date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0006_payments.sql (the migration is the source of truth).

export type NoticeStatus = 'unpaid' | 'paid' | 'cancelled';

export const paymentNotices = pgTable('payment_notices', {
  id: uuid('id').primaryKey().defaultRandom(),
  noticeNumber: text('notice_number').notNull(),
  creditorFiscalCode: text('creditor_fiscal_code').notNull(),
  amountCents: integer('amount_cents').notNull(),
  dueDate: date('due_date'),
  description: text('description').notNull(),
  debtorFiscalCode: text('debtor_fiscal_code'),
  debtorName: text('debtor_name'),
  sourceKind: text('source_kind').notNull(),
  sourceId: text('source_id').notNull(),
  status: text('status').$type<NoticeStatus>().notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  paidAmountCents: integer('paid_amount_cents'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Mirrors migrations/0012_ledgers.sql.

export type TaxKind = 'tari' | 'imu';
export type Instalment = 'advance' | 'balance' | 'single';
export type AccessorySanction = 'none' | 'licence-suspension' | 'confiscation';

export const taxDeadlines = pgTable(
  'tax_deadlines',
  {
    tax: text('tax').$type<TaxKind>().notNull(),
    year: smallint('year').notNull(),
    instalment: text('instalment').$type<Instalment>().notNull(),
    dueDate: date('due_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tax, t.year, t.instalment] })],
);

export const taxInstalments = pgTable('tax_instalments', {
  id: uuid('id').primaryKey().defaultRandom(),
  ref: text('ref').notNull(),
  tax: text('tax').$type<TaxKind>().notNull(),
  year: smallint('year').notNull(),
  instalment: text('instalment').$type<Instalment>().notNull(),
  debtorFiscalCode: text('debtor_fiscal_code').notNull(),
  amountCents: integer('amount_cents').notNull(),
  noticeId: uuid('notice_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const trafficFines = pgTable('traffic_fines', {
  id: uuid('id').primaryKey().defaultRandom(),
  verbale: text('verbale').notNull(),
  offenceDate: date('offence_date').notNull(),
  notificationDate: date('notification_date').notNull(),
  plate: text('plate').notNull(),
  article: text('article').notNull(),
  minCents: integer('min_cents').notNull(),
  maxCents: integer('max_cents').notNull(),
  costsCents: integer('costs_cents').notNull(),
  accessorySanction: text('accessory_sanction').$type<AccessorySanction>().notNull(),
  debtorFiscalCode: text('debtor_fiscal_code').notNull(),
  noticeId: uuid('notice_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const paymentReceipts = pgTable('payment_receipts', {
  receiptId: text('receipt_id').primaryKey(),
  noticeId: uuid('notice_id').notNull(),
  noticeNumber: text('notice_number').notNull(),
  creditorFiscalCode: text('creditor_fiscal_code').notNull(),
  amountCents: integer('amount_cents').notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
  psp: text('psp').notNull(),
  outcome: text('outcome').$type<'OK' | 'KO'>().notNull(),
  result: jsonb('result').$type<Record<string, unknown>>().notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});
