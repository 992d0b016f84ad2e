/**
 * Consents, as a history: each grant or withdrawal is a new record with when and how it was given
 * (GDPR art. 7(1): the controller must be able to demonstrate consent; art. 7(3): withdrawing is as
 * easy as giving, so it is the same call with `granted: false`).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import { recordAudit } from '../identity';
import { auditActor, loadViews, lockCitizen, type CitizenView, type StaffAccess } from './citizens';
import { citizenConsents } from './tables';

/** What a citizen may consent to; the city's privacy notice names the same purposes. */
export const CONSENT_KINDS = [
  'data-processing',
  'call-recording',
  'satisfaction-survey',
  'notifications-sms',
  'notifications-email',
  'notifications-whatsapp',
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export interface ConsentInput {
  kind: ConsentKind;
  granted: boolean;
  /** How: the channel or document ("voice", "web-form", "paper form at the counter"). */
  via: string;
  /** When it was given, if not now (a paper form signed earlier). */
  at?: Date | undefined;
}

/** Records a consent inside the caller's transaction (channels: "press 1 to agree to recording"). */
export async function insertConsent(tx: Db, citizenId: string, input: ConsentInput, recordedBy: string | null): Promise<void> {
  await tx.insert(citizenConsents).values({ id: randomUUID(), citizenId, kind: input.kind, granted: input.granted, via: input.via, at: input.at ?? new Date(), recordedBy });
}

export async function recordConsent(ctx: AppContext, citizenId: string, input: ConsentInput, by: StaffAccess): Promise<CitizenView> {
  return ctx.transact(async (tx, emit) => {
    const row = await lockCitizen(tx, citizenId);
    if (row.erasedAt) throw new AppError('citizens.citizen_erased', 'This citizen’s data was erased; the profile cannot be changed.');
    await insertConsent(tx, citizenId, input, by.principal.userId);
    emit('citizen.updated', { citizenId, fields: ['consents'] });
    await recordAudit(tx, auditActor(by), { action: 'update', subjectKind: 'citizen', subjectId: citizenId, reason: by.reason, details: { fields: ['consents'], kind: input.kind, granted: input.granted } });
    return (await loadViews(tx, [citizenId]))[0]!;
  });
}

/** The current answer for a purpose: true, false (withdrawn or refused), or null (never asked). */
export async function hasConsent(tx: Db, citizenId: string, kind: ConsentKind): Promise<boolean | null> {
  const [latest] = await tx
    .select({ granted: citizenConsents.granted })
    .from(citizenConsents)
    .where(and(eq(citizenConsents.citizenId, citizenId), eq(citizenConsents.kind, kind)))
    .orderBy(desc(citizenConsents.at), desc(citizenConsents.id))
    .limit(1);
  return latest ? latest.granted : null;
}
