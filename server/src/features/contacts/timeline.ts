/**
 * Timelines: one contact's history (transitions, messages, notes, wrap-up, survey) and a citizen's
 * history across every channel. Both show personal data, so every read is audited with its reason.
 */
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import { auditActor, citizenExists, type StaffAccess } from '../citizens';
import { recordAudit } from '../identity';
import { toRecord, type ContactRecord } from './contact-lifecycle';
import { toMessage } from './messages';
import { contactMessages, contactNotes, contactSurveys, contactTransitions, contacts } from './tables';

export type TimelineKind = 'opened' | 'transition' | 'message' | 'note' | 'wrap-up' | 'survey-requested' | 'survey-answered';

export interface TimelineEntry {
  kind: TimelineKind;
  at: string;
  contactId: string;
  [field: string]: unknown;
}

/**
 * Every entry of these contacts, oldest first: by time, and within the same millisecond by the
 * position the database gave each entry as it was written (contact_entry_seq, see the migration).
 */
export async function loadEntries(tx: Db, rows: ContactRecord[]): Promise<TimelineEntry[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [transitions, messages, notes, surveys, wrapUps] = [
    await tx.select().from(contactTransitions).where(inArray(contactTransitions.contactId, ids)).orderBy(asc(contactTransitions.pos)),
    await tx.select().from(contactMessages).where(inArray(contactMessages.contactId, ids)).orderBy(asc(contactMessages.seq)),
    await tx.select().from(contactNotes).where(inArray(contactNotes.contactId, ids)).orderBy(asc(contactNotes.pos)),
    await tx.select().from(contactSurveys).where(inArray(contactSurveys.contactId, ids)),
    await tx.select({ id: contacts.id, pos: contacts.wrapUpPos }).from(contacts).where(inArray(contacts.id, ids)),
  ];
  const wrapUpPos = new Map(wrapUps.map((w) => [w.id, w.pos ?? 0]));
  const entries: (TimelineEntry & { pos: number })[] = [];
  for (const c of rows) {
    entries.push({ kind: 'opened', at: c.openedAt, contactId: c.id, channel: c.channel, direction: c.direction, pos: 0 });
    if (c.wrappedUpAt) entries.push({ kind: 'wrap-up', at: c.wrappedUpAt, contactId: c.id, topic: c.topic, outcome: c.outcome, pos: wrapUpPos.get(c.id) ?? 0 });
  }
  for (const t of transitions) {
    entries.push({ kind: 'transition', at: t.at.toISOString(), contactId: t.contactId, event: t.event, from: t.fromState, to: t.toState, agentId: t.agentId, queue: t.queue, reason: t.reason, pos: t.pos });
  }
  for (const m of messages) {
    const { contactId, createdAt, ...rest } = toMessage(m);
    entries.push({ kind: 'message', at: createdAt, contactId, ...rest, pos: m.pos });
  }
  for (const n of notes) entries.push({ kind: 'note', at: n.createdAt.toISOString(), contactId: n.contactId, noteId: n.id, authorId: n.authorId, body: n.body, pos: n.pos });
  for (const s of surveys) {
    entries.push({ kind: 'survey-requested', at: s.requestedAt.toISOString(), contactId: s.contactId, language: s.language, pos: s.requestedPos });
    if (s.answeredAt) entries.push({ kind: 'survey-answered', at: s.answeredAt.toISOString(), contactId: s.contactId, score: s.score, comment: s.comment, pos: s.answeredPos ?? 0 });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at) || a.pos - b.pos);
  return entries.map(({ pos: _pos, ...e }) => e);
}

export async function contactTimeline(ctx: AppContext, contactId: string, by: StaffAccess): Promise<{ contact: ContactRecord; entries: TimelineEntry[] }> {
  return ctx.transact(async (tx) => {
    const [row] = await tx.select().from(contacts).where(eq(contacts.id, contactId));
    if (!row) throw new AppError('contacts.contact_not_found', `No contact with id "${contactId}".`);
    const contact = toRecord(row);
    const entries = await loadEntries(tx, [contact]);
    // A contact tied to a citizen is that citizen's personal data; an anonymous one is still a person's words.
    await recordAudit(tx, auditActor(by), {
      action: 'read',
      subjectKind: contact.citizenId ? 'citizen' : 'contact',
      subjectId: contact.citizenId ?? contact.id,
      reason: by.reason,
      details: { view: 'contact-timeline', contactId: contact.id },
    });
    return { contact, entries };
  });
}

/** A citizen's contacts on every channel, newest first, and their entries merged in time order. */
export async function citizenTimeline(ctx: AppContext, citizenId: string, by: StaffAccess, limit = 50): Promise<{ citizenId: string; contacts: ContactRecord[]; entries: TimelineEntry[] }> {
  return ctx.transact(async (tx) => {
    if (!(await citizenExists(tx, citizenId))) throw new AppError('citizens.citizen_not_found', `No citizen with id "${citizenId}".`);
    const rows = (await tx.select().from(contacts).where(eq(contacts.citizenId, citizenId)).orderBy(desc(contacts.openedAt)).limit(limit)).map(toRecord);
    const entries = await loadEntries(tx, rows);
    await recordAudit(tx, auditActor(by), { action: 'read', subjectKind: 'citizen', subjectId: citizenId, reason: by.reason, details: { view: 'citizen-timeline', contacts: rows.length } });
    return { citizenId, contacts: rows, entries };
  });
}
