import { boolean, customType, date, jsonb, pgTable, smallint, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/0008_appointments.sql (the migration is the source of truth).

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export type Texts = Record<string, string>;
export type DocumentLists = Record<string, string[]>;

export const appointmentServices = pgTable('appointment_services', {
  code: text('code').primaryKey(),
  names: jsonb('names').$type<Texts>().notNull(),
  descriptions: jsonb('descriptions').$type<Texts>().notNull(),
  documents: jsonb('documents').$type<DocumentLists>().notNull(),
  oneActive: boolean('one_active').notNull(),
  active: boolean('active').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const slotTemplates = pgTable('appointment_slot_templates', {
  id: uuid('id').primaryKey(),
  serviceCode: text('service_code').notNull(),
  officeSlug: text('office_slug').notNull(),
  weekday: smallint('weekday').notNull(),
  opens: time('opens').notNull(),
  closes: time('closes').notNull(),
  slotMinutes: smallint('slot_minutes').notNull(),
  capacity: smallint('capacity').notNull(),
  validFrom: date('valid_from', { mode: 'string' }).notNull(),
  validTo: date('valid_to', { mode: 'string' }),
});

export type SlotStatus = 'open' | 'withdrawn';

export const slots = pgTable('appointment_slots', {
  id: uuid('id').primaryKey(),
  serviceCode: text('service_code').notNull(),
  officeSlug: text('office_slug').notNull(),
  localDate: date('local_date', { mode: 'string' }).notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  capacity: smallint('capacity').notNull(),
  booked: smallint('booked').notNull(),
  status: text('status').$type<SlotStatus>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AppointmentStatus = 'booked' | 'cancelled' | 'attended' | 'no_show';
export type BookingChannel = 'web' | 'agent' | 'phone' | 'chat' | 'waitlist';

export const appointments = pgTable('appointments', {
  id: uuid('id').primaryKey(),
  slotId: uuid('slot_id').notNull(),
  serviceCode: text('service_code').notNull(),
  officeSlug: text('office_slug').notNull(),
  fiscalCode: text('fiscal_code').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  language: text('language').notNull(),
  codeHash: text('code_hash').notNull(),
  status: text('status').$type<AppointmentStatus>().notNull(),
  channel: text('channel').$type<BookingChannel>().notNull(),
  bookedBy: uuid('booked_by'),
  reschedules: smallint('reschedules').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  outcomeAt: timestamp('outcome_at', { withTimezone: true }),
});

export type WaitStatus = 'waiting' | 'offered' | 'booked' | 'lapsed' | 'withdrawn';

export const waitlist = pgTable('appointment_waitlist', {
  id: uuid('id').primaryKey(),
  serviceCode: text('service_code').notNull(),
  officeSlug: text('office_slug'),
  fromDate: date('from_date', { mode: 'string' }),
  toDate: date('to_date', { mode: 'string' }),
  fiscalCode: text('fiscal_code').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  language: text('language').notNull(),
  codeHash: text('code_hash').notNull(),
  status: text('status').$type<WaitStatus>().notNull(),
  offerSlotId: uuid('offer_slot_id'),
  offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
  appointmentId: uuid('appointment_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const idempotency = pgTable('appointment_idempotency', {
  keyHash: text('key_hash').primaryKey(),
  requestHash: text('request_hash').notNull(),
  response: bytea('response'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
