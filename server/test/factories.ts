/**
 * Small factories for citizens and contacts, built through the features' public use-cases (the same
 * path channels take), inside one transaction each.
 */
import { randomBytes } from 'node:crypto';
import type { SportelloApp } from '../src/app';
import { encodeFiscalCode, insertCitizen, type CitizenInput } from '../src/features/citizens';
import { appendMessage, openContact, transitionContact, type ContactEvent, type OpenContactInput } from '../src/features/contacts';

let seq = 0;

/** A distinct valid codice fiscale per call (varying the birth date). */
export function uniqueFiscalCode(): string {
  seq++;
  const day = String((seq % 28) + 1).padStart(2, '0');
  const year = 1950 + (seq % 50);
  return encodeFiscalCode({ surname: 'Prova', name: 'Test', birthDate: `${year}-0${(seq % 9) + 1}-${day}`, sex: seq % 2 ? 'M' : 'F', placeCode: 'F205' });
}

/** A unique Italian mobile number in E.164. */
export const uniquePhone = () => `+393${randomBytes(4).readUInt32BE(0) % 1_000_000_000}`.padEnd(13, '7');

export async function createCitizen(app: SportelloApp, input: CitizenInput = {}): Promise<{ id: string }> {
  const id = await app.ctx.transact((tx, emit) => insertCitizen(app.ctx, tx, emit, { givenName: 'Giulia', familyName: 'Bianchi', preferredLanguage: 'it', ...input }));
  return { id };
}

/** Opens a contact and walks it through `events` (e.g. ['enqueue', 'offer', 'accept']); optionally adds citizen messages. */
export async function createContact(
  app: SportelloApp,
  input: Partial<OpenContactInput> & { events?: { event: ContactEvent; agentId?: string; queue?: string }[]; messages?: string[] } = {},
) {
  const { events = [], messages = [], ...open } = input;
  return app.ctx.transact(async (tx, emit) => {
    let { contact } = await openContact(tx, emit, { channel: 'webchat', ...open });
    for (const body of messages) await appendMessage(tx, emit, { contactId: contact.id, sender: 'citizen', body });
    for (const e of events) contact = await transitionContact(tx, emit, contact.id, e.event, { agentId: e.agentId, queue: e.queue ?? 'general' });
    return contact;
  });
}
