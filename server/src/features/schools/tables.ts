import { date, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import type { ChecklistItem, Criterion, Question } from './eligibility';

// Mirrors migrations/0014_school_support.sql (the migration is the source of truth).

export const applicationStatuses = ['submitted', 'under-review', 'admitted', 'waitlisted', 'not-admitted', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const schoolSupport = pgTable('school_support', {
  schoolType: text('school_type').primaryKey(),
  position: smallint('position').notNull(),
  names: jsonb('names').$type<Record<string, string>>().notNull(),
  questions: jsonb('questions').$type<Question[]>().notNull(),
  criteria: jsonb('criteria').$type<Criterion[]>().notNull(),
  checklist: jsonb('checklist').$type<ChecklistItem[]>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const schoolApplications = pgTable('school_applications', {
  code: text('code').primaryKey(),
  schoolType: text('school_type').notNull(),
  schoolYear: text('school_year').notNull(),
  childFiscalCode: text('child_fiscal_code').notNull(),
  parentFiscalCode: text('parent_fiscal_code').notNull(),
  status: text('status').$type<ApplicationStatus>().notNull(),
  school: text('school'),
  waitlistPosition: integer('waitlist_position'),
  statusDate: date('status_date', { mode: 'string' }).notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});
