import { z } from 'zod';
import { CHANNELS, reasonQuery } from '../citizens';
import { CONTACT_EVENTS, CONTACT_STATES } from './contact-states';
import { OUTCOMES } from './wrap-up';

export { reasonQuery };
export const contactIdParams = z.object({ id: z.uuid() });
const queue = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a queue code: lower-case letters, digits, dot, dash, underscore');
const language = z.string().regex(/^[a-z]{2,3}$/, 'a language code');

export const openContactBody = z.object({
  channel: z.enum(CHANNELS),
  direction: z.enum(['inbound', 'outbound']).default('outbound'),
  citizenId: z.uuid().optional(),
  address: z.string().trim().min(3).max(320).optional().describe('The citizen’s phone, email or messaging id on this channel'),
  language: language.optional(),
  topic: z.string().max(63).optional(),
  queue: queue.optional(),
  subject: z.string().trim().min(1).max(500).optional(),
  start: z.boolean().default(true).describe('true: the signed-in agent takes it now (outbound call, walk-in); false: it waits as new'),
});

const contactFields = {
  id: z.string(),
  channel: z.string(),
  direction: z.string(),
  state: z.enum(CONTACT_STATES),
  language: z.string().nullable(),
  topic: z.string().nullable(),
  outcome: z.string().nullable(),
  citizenId: z.string().nullable(),
  queue: z.string().nullable(),
  agentId: z.string().nullable(),
  messageCount: z.number(),
  openedAt: z.string(),
  stateChangedAt: z.string(),
  wrappedUpAt: z.string().nullable(),
  closedAt: z.string().nullable(),
};
export const contactSummary = z.object(contactFields);
export const contactView = z.object({ ...contactFields, address: z.string().nullable(), subject: z.string().nullable(), externalRef: z.string().nullable() });

export const listQuery = z.object({
  state: z.enum(CONTACT_STATES).optional(),
  queue: queue.optional(),
  channel: z.enum(CHANNELS).optional(),
  mine: z.enum(['true', 'false']).optional().describe('true: only contacts held by the signed-in agent'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const attachment = z.object({
  name: z.string().trim().min(1).max(255),
  type: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as image/jpeg').max(100),
  size: z.number().int().min(0).max(100 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits'),
});

export const messageBody = z.object({
  body: z.string().max(20000).refine((s) => s.trim().length > 0, 'empty message'),
  clientMessageId: z.string().min(1).max(200).optional().describe('Idempotency key: a retry with the same id returns the stored message'),
  language: language.optional(),
  attachments: z.array(attachment).max(20).optional(),
});

export const messageView = z.object({
  id: z.string(),
  contactId: z.string(),
  seq: z.number(),
  sender: z.string(),
  agentId: z.string().nullable(),
  body: z.string(),
  language: z.string().nullable(),
  attachments: z.array(z.object({ name: z.string(), type: z.string(), size: z.number(), sha256: z.string() })),
  deliveryStatus: z.string(),
  deliveryUpdatedAt: z.string(),
  clientMessageId: z.string().nullable(),
  externalId: z.string().nullable(),
  createdAt: z.string(),
});

export const noteBody = z.object({ body: z.string().trim().min(1).max(10000) });
export const noteView = z.object({ id: z.string(), contactId: z.string(), authorId: z.string().nullable(), body: z.string(), createdAt: z.string() });

export const transitionBody = z.object({
  event: z.enum(CONTACT_EVENTS),
  queue: queue.optional().describe('For enqueue and transfer: the target queue'),
  agentId: z.uuid().optional().describe('For offer: the agent; for accept from new: default the signed-in agent'),
  reason: z.string().trim().min(1).max(500).optional(),
});

export const wrapUpBody = z.object({
  topic: z.string().min(1).max(63),
  outcome: z.enum(OUTCOMES),
  note: z.string().trim().min(1).max(10000).optional(),
});

const entry = z.object({ kind: z.string(), at: z.string(), contactId: z.string() }).catchall(z.unknown());
export const contactTimelineView = z.object({ contact: contactView, entries: z.array(entry) });
export const citizenTimelineView = z.object({ citizenId: z.string(), contacts: z.array(contactView), entries: z.array(entry) });
export const topicsView = z.object({ language: z.string(), topics: z.array(z.object({ code: z.string(), name: z.string() })) });
