import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ContactState } from './contact-states';

// Mirrors migrations/0009_citizens_contacts.sql (the migration is the source of truth). Times and
// timeline positions are the database's defaults (clock_timestamp(), nextval): see the migration.

/** Values for "now" and "next timeline position", written by the database in statement order. */
export const clock = () => sql`clock_timestamp()`;
export const nextPos = () => sql`nextval('contact_entry_seq')`;

export type Sender = 'citizen' | 'agent' | 'bot' | 'system';
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
export interface AttachmentMeta {
  name: string;
  type: string;
  size: number;
  sha256: string;
}

export const contactTopics = pgTable('contact_topics', {
  code: text('code').primaryKey(),
  position: integer('position').notNull(),
  names: jsonb('names').$type<Record<string, string>>().notNull(),
  active: boolean('active').notNull().default(true),
});

export const contacts = pgTable('contacts', {
  id: uuid('id').primaryKey(),
  channel: text('channel').notNull(),
  direction: text('direction').$type<'inbound' | 'outbound'>().notNull(),
  state: text('state').$type<ContactState>().notNull(),
  language: text('language'),
  topic: text('topic'),
  outcome: text('outcome'),
  citizenId: uuid('citizen_id'),
  address: text('address'),
  subject: text('subject'),
  externalRef: text('external_ref'),
  queue: text('queue'),
  agentId: uuid('agent_id'),
  messageCount: integer('message_count').notNull().default(0),
  openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
  stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull().defaultNow(),
  wrappedUpAt: timestamp('wrapped_up_at', { withTimezone: true }),
  wrapUpPos: bigint('wrap_up_pos', { mode: 'number' }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

export const contactTransitions = pgTable('contact_transitions', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  contactId: uuid('contact_id').notNull(),
  event: text('event').notNull(),
  fromState: text('from_state').notNull(),
  toState: text('to_state').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  /** Timeline order (one sequence for transitions, messages and notes). */
  pos: bigint('pos', { mode: 'number' }).notNull().default(sql`nextval('contact_entry_seq')`),
  agentId: uuid('agent_id'),
  queue: text('queue'),
  reason: text('reason'),
});

export const contactMessages = pgTable('contact_messages', {
  id: uuid('id').primaryKey(),
  contactId: uuid('contact_id').notNull(),
  seq: integer('seq').notNull(),
  sender: text('sender').$type<Sender>().notNull(),
  agentId: uuid('agent_id'),
  body: text('body').notNull(),
  language: text('language'),
  attachments: jsonb('attachments').$type<AttachmentMeta[]>().notNull().default([]),
  deliveryStatus: text('delivery_status').$type<DeliveryStatus>().notNull(),
  deliveryUpdatedAt: timestamp('delivery_updated_at', { withTimezone: true }).notNull().defaultNow(),
  clientMessageId: text('client_message_id'),
  externalId: text('external_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  pos: bigint('pos', { mode: 'number' }).notNull().default(sql`nextval('contact_entry_seq')`),
});

export const contactNotes = pgTable('contact_notes', {
  id: uuid('id').primaryKey(),
  contactId: uuid('contact_id').notNull(),
  authorId: uuid('author_id'),
  body: text('body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  pos: bigint('pos', { mode: 'number' }).notNull().default(sql`nextval('contact_entry_seq')`),
});

export const contactSurveys = pgTable('contact_surveys', {
  contactId: uuid('contact_id').primaryKey(),
  language: text('language'),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  requestedPos: bigint('requested_pos', { mode: 'number' }).notNull().default(sql`nextval('contact_entry_seq')`),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  answeredPos: bigint('answered_pos', { mode: 'number' }),
  score: smallint('score'),
  comment: text('comment'),
});
