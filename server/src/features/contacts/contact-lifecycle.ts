/**
 * The use-cases channels and routing drive a contact with, each inside the caller's transaction
 * (`ctx.transact((tx, emit) => …)`), so that a channel can open a contact, append the first message
 * and queue it atomically. Events carry ids and codes only, never bodies or addresses.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import { citizenExists, hasConsent, matchCitizen, normaliseAddress, preferredLanguageOf, type Channel } from '../citizens';
import { TERMINAL_STATES, applyEvent, type ContactEvent, type ContactState } from './contact-states';
import { clock, contactSurveys, contactTransitions, contacts } from './tables';

export type ContactRow = typeof contacts.$inferSelect;

export interface ContactRecord {
  id: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  state: ContactState;
  language: string | null;
  topic: string | null;
  outcome: string | null;
  citizenId: string | null;
  /** The citizen's address on the channel: personal data, shown only in audited views. */
  address: string | null;
  subject: string | null;
  externalRef: string | null;
  queue: string | null;
  agentId: string | null;
  messageCount: number;
  openedAt: string;
  stateChangedAt: string;
  wrappedUpAt: string | null;
  closedAt: string | null;
}

export const toRecord = (r: ContactRow): ContactRecord => ({
  id: r.id,
  channel: r.channel as Channel,
  direction: r.direction,
  state: r.state,
  language: r.language,
  topic: r.topic,
  outcome: r.outcome,
  citizenId: r.citizenId,
  address: r.address,
  subject: r.subject,
  externalRef: r.externalRef,
  queue: r.queue,
  agentId: r.agentId,
  messageCount: r.messageCount,
  openedAt: r.openedAt.toISOString(),
  stateChangedAt: r.stateChangedAt.toISOString(),
  wrappedUpAt: r.wrappedUpAt?.toISOString() ?? null,
  closedAt: r.closedAt?.toISOString() ?? null,
});

export interface OpenContactInput {
  channel: Channel;
  direction?: 'inbound' | 'outbound' | undefined;
  /** The citizen's address on the channel (caller number, sender email, `whatsapp:+39…`); normalised. */
  address?: string | undefined;
  /** When the channel knows the citizen already (login, codice fiscale given in the IVR). */
  citizenId?: string | undefined;
  fiscalCode?: string | undefined;
  language?: string | undefined;
  topic?: string | undefined;
  queue?: string | undefined;
  subject?: string | undefined;
  /** The channel's own id (SIP Call-ID, email thread id): opening again while that contact is live returns it. */
  externalRef?: string | undefined;
  /** An agent starting the contact (outbound call, walk-in): it opens straight into `active`. */
  agentId?: string | undefined;
}

export interface OpenedContact {
  contact: ContactRecord;
  /** False when `externalRef` found a live contact. */
  created: boolean;
}

/**
 * Opens a contact, tying it to a citizen where one can be identified: the given id, else the codice
 * fiscale, else the sender's address (an ambiguous address leaves it unlinked for the agent to choose).
 * Language: the given one, else the citizen's preferred language.
 */
export async function openContact(tx: Db, emit: Emit, input: OpenContactInput): Promise<OpenedContact> {
  if (input.externalRef) {
    const [existing] = await tx
      .select()
      .from(contacts)
      .where(and(eq(contacts.channel, input.channel), eq(contacts.externalRef, input.externalRef), notInArray(contacts.state, [...TERMINAL_STATES])));
    if (existing) return { contact: toRecord(existing), created: false };
  }
  let address: string | null = null;
  if (input.address !== undefined) {
    address = normaliseAddress(input.channel, input.address);
    if (!address) throw new AppError('contacts.invalid_address', `Not a valid address for the ${input.channel} channel.`, [{ field: 'body.address', message: `not a valid ${input.channel} address` }]);
  }
  let citizenId = input.citizenId ?? null;
  if (citizenId && !(await citizenExists(tx, citizenId))) throw new AppError('citizens.citizen_not_found', `No citizen with id "${citizenId}".`);
  if (!citizenId && input.fiscalCode) {
    const m = await matchCitizen(tx, { fiscalCode: input.fiscalCode });
    if (m.status === 'matched') citizenId = m.citizenId;
  }
  if (!citizenId && input.address) {
    const m = await matchCitizen(tx, { channel: input.channel, address: input.address });
    if (m.status === 'matched') citizenId = m.citizenId;
  }
  const language = input.language ?? (citizenId ? await preferredLanguageOf(tx, citizenId) : null);
  const [row] = await tx
    .insert(contacts)
    .values({
      id: randomUUID(),
      channel: input.channel,
      direction: input.direction ?? 'inbound',
      state: 'new',
      language,
      topic: input.topic ?? null,
      citizenId,
      address,
      subject: input.subject ?? null,
      externalRef: input.externalRef ?? null,
      queue: input.queue ?? null,
    })
    .returning();
  emit('contact.opened', { contactId: row!.id, channel: row!.channel, direction: row!.direction, state: row!.state, citizenId, queue: row!.queue, language });
  if (input.agentId) return { contact: await applyTransition(tx, emit, row!, 'accept', { agentId: input.agentId }), created: true };
  return { contact: toRecord(row!), created: true };
}

export type FindOpenInput = { channel: Channel; citizenId: string } | { channel: Channel; address: string };

/** The newest live (not closed, not abandoned) contact on a channel with a citizen or an address. */
export async function findOpenContact(tx: Db, input: FindOpenInput): Promise<ContactRecord | null> {
  const live = notInArray(contacts.state, [...TERMINAL_STATES]);
  let who;
  if ('citizenId' in input) who = eq(contacts.citizenId, input.citizenId);
  else {
    const address = normaliseAddress(input.channel, input.address);
    if (!address) return null;
    who = eq(contacts.address, address);
  }
  const [row] = await tx.select().from(contacts).where(and(eq(contacts.channel, input.channel), who, live)).orderBy(desc(contacts.openedAt)).limit(1);
  return row ? toRecord(row) : null;
}

export interface TransitionOptions {
  agentId?: string | null | undefined;
  /** The queue for `enqueue` or `transfer` (routing's code for it, e.g. `general-zh`). */
  queue?: string | undefined;
  reason?: string | undefined;
}

/** Moves a contact by one event of the state machine (contact-states.ts), under its row lock. */
export async function transitionContact(tx: Db, emit: Emit, contactId: string, event: ContactEvent, options: TransitionOptions = {}): Promise<ContactRecord> {
  return applyTransition(tx, emit, await lockContact(tx, contactId), event, options);
}

export async function lockContact(tx: Db, contactId: string): Promise<ContactRow> {
  const [row] = await tx.select().from(contacts).where(eq(contacts.id, contactId)).for('update');
  if (!row) throw new AppError('contacts.contact_not_found', `No contact with id "${contactId}".`);
  return row;
}

const refusals = {
  invalid_transition: 'contacts.invalid_transition',
  agent_required: 'contacts.transition_needs_agent',
  agent_mismatch: 'contacts.offered_to_another_agent',
  queue_required: 'contacts.transition_needs_queue',
} as const;

/** Applies an event to a locked row: state, transition record, events, and on close the survey request. */
export async function applyTransition(tx: Db, emit: Emit, row: ContactRow, event: ContactEvent, options: TransitionOptions): Promise<ContactRecord> {
  const result = applyEvent({ state: row.state, agentId: row.agentId, queue: row.queue }, event, options);
  if (!result.ok) throw new AppError(refusals[result.reason], `A contact in state "${row.state}" cannot take "${event}" (${result.reason}).`);
  const { status } = result;
  const closing = status.state === 'closed';
  const [updated] = await tx
    .update(contacts)
    .set({ state: status.state, agentId: status.agentId, queue: status.queue, stateChangedAt: clock(), ...(closing ? { closedAt: clock() } : {}) })
    .where(eq(contacts.id, row.id))
    .returning();
  await tx.insert(contactTransitions).values({ contactId: row.id, event, fromState: row.state, toState: status.state, agentId: status.agentId ?? row.agentId, queue: status.queue, reason: options.reason ?? null });
  emit('contact.state_changed', { contactId: row.id, channel: row.channel, event, from: row.state, to: status.state, agentId: status.agentId, queue: status.queue });
  if (closing) {
    const surveyRequested = await requestSurvey(tx, updated!, row.state);
    emit('contact.closed', { contactId: row.id, channel: row.channel, topic: updated!.topic, outcome: updated!.outcome, surveyRequested });
  }
  return toRecord(updated!);
}

/**
 * A satisfaction survey is requested for every contact closed after a conversation (not one closed
 * straight from `new`, e.g. spam), unless the citizen withdrew consent to surveys. The channel that
 * carried the contact delivers it (surveyQuestion) and records the answer (recordSurveyAnswer).
 */
async function requestSurvey(tx: Db, row: ContactRow, from: ContactState): Promise<boolean> {
  if (from === 'new') return false;
  if (row.citizenId && (await hasConsent(tx, row.citizenId, 'satisfaction-survey')) === false) return false;
  const inserted = await tx.insert(contactSurveys).values({ contactId: row.id, language: row.language }).onConflictDoNothing().returning({ id: contactSurveys.contactId });
  return inserted.length > 0;
}

/** Counts of live contacts by state and queue (routing and the wallboard start from this). */
export async function countLiveContacts(tx: Db): Promise<{ state: ContactState; queue: string | null; count: number }[]> {
  return tx
    .select({ state: contacts.state, queue: contacts.queue, count: sql<number>`count(*)::int` })
    .from(contacts)
    .where(notInArray(contacts.state, [...TERMINAL_STATES]))
    .groupBy(contacts.state, contacts.queue);
}
