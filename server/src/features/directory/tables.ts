import { boolean, date, jsonb, numeric, pgTable, primaryKey, smallint, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0003_directory.sql (the migration is the source of truth).

export const municipi = pgTable('municipi', {
  number: smallint('number').primaryKey(),
  name: text('name').notNull(),
});

export const departments = pgTable('departments', {
  slug: text('slug').primaryKey(),
  names: jsonb('names').$type<Record<string, string>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const offices = pgTable('offices', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull(),
  title: text('title').notNull(),
  department: text('department').notNull(),
  address: text('address').notNull(),
  zipcode: text('zipcode'),
  municipio: smallint('municipio'),
  neighbourhood: text('neighbourhood'),
  lat: numeric('lat', { precision: 9, scale: 6 }),
  long: numeric('long', { precision: 9, scale: 6 }),
  phone: text('phone'),
  extension: text('extension'),
  services: text('services').array().notNull(),
  notes: text('notes'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const officeHours = pgTable(
  'office_hours',
  {
    officeId: uuid('office_id').notNull(),
    weekday: smallint('weekday').notNull(),
    opens: time('opens').notNull(),
    closes: time('closes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.weekday, t.opens] })],
);

export interface StoredRange {
  opens: string;
  closes: string;
}

export const officeExceptions = pgTable(
  'office_exceptions',
  {
    officeId: uuid('office_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    closed: boolean('closed').notNull(),
    ranges: jsonb('ranges').$type<StoredRange[]>().notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.officeId, t.date] })],
);

export const holidayRules = pgTable('holiday_rules', {
  key: text('key').primaryKey(),
  month: smallint('month'),
  day: smallint('day'),
  easterOffset: smallint('easter_offset'),
  validFrom: date('valid_from', { mode: 'string' }),
  validTo: date('valid_to', { mode: 'string' }),
  scope: text('scope').notNull(),
  names: jsonb('names').$type<Record<string, string>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
