import { jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0007_notifications.sql (the migration is the source of truth).

export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';
export type NotificationChannel = 'email' | 'sms';

export const outboundNotifications = pgTable('outbound_notifications', {
  id: uuid('id').primaryKey(),
  channel: text('channel').$type<NotificationChannel>().notNull(),
  recipient: text('recipient').notNull(),
  language: text('language').notNull(),
  subject: text('subject'),
  body: text('body').notNull(),
  attachments: jsonb('attachments').$type<StoredAttachment[]>().notNull(),
  referenceKind: text('reference_kind').notNull(),
  referenceId: text('reference_id').notNull(),
  tag: text('tag'),
  status: text('status').$type<NotificationStatus>().notNull(),
  attempts: smallint('attempts').notNull(),
  lastError: text('last_error'),
  providerMessageId: text('provider_message_id'),
  messageId: text('message_id'),
  notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
  claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  failedAt: timestamp('failed_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
});
