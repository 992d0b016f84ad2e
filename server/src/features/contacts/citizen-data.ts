/**
 * What contacts hold about a citizen, for the citizens feature's export (GDPR art. 15) and erasure
 * (art. 17). Erasure empties what could identify the person (addresses, subjects, channel ids,
 * message bodies, attachment names and hashes, notes, reasons, survey comments) and keeps what
 * statistics count: contacts, channels, languages, topics, outcomes, states, times, scores, sizes.
 */
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import type { CitizenDataHolder } from '../citizens';
import { toRecord } from './contact-lifecycle';
import { contactMessages, contactNotes, contactSurveys, contactTransitions, contacts } from './tables';
import { loadEntries } from './timeline';

async function exportContacts(tx: Db, citizenId: string) {
  const rows = (await tx.select().from(contacts).where(eq(contacts.citizenId, citizenId)).orderBy(desc(contacts.openedAt))).map(toRecord);
  const entries = await loadEntries(tx, rows);
  return rows.map((c) => ({ ...c, entries: entries.filter((e) => e.contactId === c.id) }));
}

/**
 * The citizen's contacts, and anonymous contacts from one of the citizen's addresses (a call before
 * the profile existed, or from a number shared with nobody else on file). Contacts tied to another
 * citizen stay theirs, even from a shared address.
 */
async function eraseContacts(tx: Db, citizenId: string, addresses: readonly string[]): Promise<Record<string, number>> {
  const mine = addresses.length ? or(eq(contacts.citizenId, citizenId), and(isNull(contacts.citizenId), inArray(contacts.address, [...addresses])))! : eq(contacts.citizenId, citizenId);
  const ids = (await tx.select({ id: contacts.id }).from(contacts).where(mine)).map((r) => r.id);
  if (!ids.length) return { contacts: 0, messages: 0, notes: 0, transitions: 0, surveys: 0 };
  const owned = ids;
  const n = async (q: Promise<unknown[]>) => (await q).length;
  return {
    contacts: await n(tx.update(contacts).set({ address: null, subject: null, externalRef: null }).where(inArray(contacts.id, ids)).returning({ id: contacts.id })),
    messages: await n(
      tx
        .update(contactMessages)
        .set({
          body: '',
          externalId: null,
          clientMessageId: null,
          attachments: sql`(select coalesce(jsonb_agg(jsonb_build_object('type', a->'type', 'size', a->'size')), '[]'::jsonb) from jsonb_array_elements(${contactMessages.attachments}) a)`,
        })
        .where(inArray(contactMessages.contactId, owned))
        .returning({ id: contactMessages.id }),
    ),
    notes: await n(tx.update(contactNotes).set({ body: '' }).where(inArray(contactNotes.contactId, owned)).returning({ id: contactNotes.id })),
    transitions: await n(tx.update(contactTransitions).set({ reason: null }).where(inArray(contactTransitions.contactId, owned)).returning({ id: contactTransitions.id })),
    surveys: await n(tx.update(contactSurveys).set({ comment: null }).where(inArray(contactSurveys.contactId, owned)).returning({ id: contactSurveys.contactId })),
  };
}

export const contactsCitizenData: CitizenDataHolder = { name: 'contacts', export: exportContacts, erase: eraseContacts };
