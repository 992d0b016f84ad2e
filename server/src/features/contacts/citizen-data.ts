/**
 * What contacts hold about a citizen, for the citizens feature's export (GDPR art. 15) and erasure
 * (art. 17). Erasure empties what could identify the person (addresses, subjects, channel ids,
 * message bodies, attachment names and hashes, notes, reasons, survey comments) and keeps what
 * statistics count: contacts, channels, languages, topics, outcomes, states, times, scores, sizes.
 */
import { desc, eq, inArray, sql } from 'drizzle-orm';
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

async function eraseContacts(tx: Db, citizenId: string): Promise<Record<string, number>> {
  const owned = tx.select({ id: contacts.id }).from(contacts).where(eq(contacts.citizenId, citizenId));
  const n = async (q: Promise<unknown[]>) => (await q).length;
  return {
    contacts: await n(tx.update(contacts).set({ address: null, subject: null, externalRef: null }).where(eq(contacts.citizenId, citizenId)).returning({ id: contacts.id })),
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
