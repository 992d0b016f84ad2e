import { date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
