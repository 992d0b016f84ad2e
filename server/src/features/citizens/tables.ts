import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0009_citizens_contacts.sql (the migration is the source of truth).

export type ContactPointKind = 'phone' | 'email' | 'messaging';

export const citizens = pgTable('citizens', {
  id: uuid('id').primaryKey(),
  givenName: text('given_name'),
  familyName: text('family_name'),
  fiscalCode: text('fiscal_code'),
  preferredLanguage: text('preferred_language'),
  erasedAt: timestamp('erased_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const citizenContactPoints = pgTable('citizen_contact_points', {
  id: uuid('id').primaryKey(),
  citizenId: uuid('citizen_id').notNull(),
  kind: text('kind').$type<ContactPointKind>().notNull(),
  value: text('value').notNull(),
  label: text('label'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const citizenConsents = pgTable('citizen_consents', {
  id: uuid('id').primaryKey(),
  citizenId: uuid('citizen_id').notNull(),
  kind: text('kind').notNull(),
  granted: boolean('granted').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  via: text('via').notNull(),
  recordedBy: uuid('recorded_by'),
});
