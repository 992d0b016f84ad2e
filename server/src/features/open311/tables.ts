import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors open311_api_keys in migrations/0010_cases_open311.sql (the migration is the source of truth).
export const open311ApiKeys = pgTable('open311_api_keys', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  contact: text('contact'),
  keyHash: text('key_hash').notNull(),
  keyPrefix: text('key_prefix').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
