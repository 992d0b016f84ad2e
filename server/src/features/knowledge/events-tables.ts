import { boolean, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0005_events_schools.sql (the migration is the source of truth). The generated
// `search` tsvector of event_translations is read with SQL only, so it is not described here.

export type EventStatus = 'published' | 'cancelled';

export const events = pgTable('events', {
  id: text('id').primaryKey(),
  category: text('category').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  venue: text('venue').notNull(),
  address: text('address').notNull(),
  municipio: smallint('municipio').notNull(),
  priceCents: integer('price_cents').notNull(),
  status: text('status').$type<EventStatus>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const eventTranslations = pgTable(
  'event_translations',
  {
    eventId: text('event_id').notNull(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.language] })],
);

export const schoolEnrollmentWindows = pgTable('school_enrollment_windows', {
  id: uuid('id').primaryKey(),
  schoolType: text('school_type').notNull(),
  schoolYear: text('school_year').notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  confirmed: boolean('confirmed').notNull(),
  ageRule: text('age_rule'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const schoolEnrollmentTranslations = pgTable(
  'school_enrollment_translations',
  {
    windowId: uuid('window_id').notNull(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    eligibility: text('eligibility').notNull(),
    documents: text('documents').array().notNull(),
    howToApply: text('how_to_apply').notNull(),
  },
  (t) => [primaryKey({ columns: [t.windowId, t.language] })],
);
