import { date, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0011_mobility.sql (the migration is the source of truth).

export const mobilitySchemes = pgTable('mobility_schemes', { id: text('id').primaryKey() });

export const ruleVersions = pgTable('mobility_rule_versions', {
  id: text('id').primaryKey(),
  scheme: text('scheme').notNull(),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
  rules: jsonb('rules').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type TicketOrigin = 'purchase' | 'deferred' | 'entry';

export const areaCTickets = pgTable('area_c_tickets', {
  id: uuid('id').primaryKey().defaultRandom(),
  plate: text('plate').notNull(),
  day: date('day').notNull(),
  amountCents: integer('amount_cents').notNull(),
  origin: text('origin').$type<TicketOrigin>().notNull(),
  versionId: text('version_id').notNull(),
  noticeId: uuid('notice_id').notNull(),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const residentPermits = pgTable('area_c_resident_permits', {
  id: uuid('id').primaryKey().defaultRandom(),
  plate: text('plate').notNull(),
  fiscalCode: text('fiscal_code').notNull(),
  year: smallint('year').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type EntryOutcome = 'free-entry' | 'ticket' | 'charged';

export const areaCEntries = pgTable('area_c_entries', {
  id: uuid('id').primaryKey().defaultRandom(),
  plate: text('plate').notNull(),
  day: date('day').notNull(),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  outcome: text('outcome').$type<EntryOutcome>().notNull(),
  permitId: uuid('permit_id'),
  ticketId: uuid('ticket_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
