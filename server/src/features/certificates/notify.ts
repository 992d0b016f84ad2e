import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { LanguageCode } from '../../platform/i18n/languages';
import { queueNotification } from '../notifications';
import { statusText, subjectText, type StatusFacts } from './texts';

export interface CitizenContact {
  requestId: string;
  language: LanguageCode;
  email: string | null;
  phone: string | null;
}

/**
 * Tells the citizen about a step, inside the step's transaction, so that a rolled-back change is
 * never announced and a committed one is never forgotten. Email when they gave one (it carries the
 * whole sentence and a subject), else SMS.
 */
export async function notifyCitizen(ctx: AppContext, tx: Db, emit: Emit, contact: CitizenContact, facts: StatusFacts): Promise<void> {
  const text = statusText(ctx.i18n, contact.language, facts);
  const reference = { kind: 'certificate-request', id: contact.requestId };
  if (contact.email) {
    await queueNotification(tx, emit, { channel: 'email', to: contact.email, language: contact.language, subject: subjectText(ctx.i18n, contact.language, facts.code), text, reference, tag: `status-${facts.status}` });
  } else if (contact.phone) {
    await queueNotification(tx, emit, { channel: 'sms', to: contact.phone, language: contact.language, text, reference, tag: `status-${facts.status}` });
  }
}
