/**
 * The satisfaction survey after a contact: requested when it closes (contact-lifecycle.ts), asked by
 * the channel that carried it in the contact's language, answered with a score 1–5 (the usual CSAT
 * scale) and an optional comment.
 */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import { clock, contactSurveys, nextPos } from './tables';

const QUESTION_KEY = 'contacts.survey.question';
const questions = new Map<string, string>();

/**
 * The survey question in `lang` (this feature's messages/<lang>.json), or in `fallback` (the city's
 * default) when the language has no catalog.
 */
export function surveyQuestion(lang: string, fallback = 'it'): string {
  for (const l of [lang, fallback]) {
    if (!/^[a-z]{2,3}$/.test(l)) continue;
    if (!questions.has(l)) {
      try {
        const catalog = JSON.parse(readFileSync(new URL(`./messages/${l}.json`, import.meta.url), 'utf8')) as Record<string, string>;
        if (catalog[QUESTION_KEY]) questions.set(l, catalog[QUESTION_KEY]);
      } catch {
        continue;
      }
    }
    const q = questions.get(l);
    if (q) return q;
  }
  throw new Error(`no survey question in "${lang}" or "${fallback}"`);
}

export interface SurveyRecord {
  contactId: string;
  language: string | null;
  requestedAt: string;
  answeredAt: string | null;
  score: number | null;
  comment: string | null;
}

export const toSurvey = (r: typeof contactSurveys.$inferSelect): SurveyRecord => ({
  contactId: r.contactId,
  language: r.language,
  requestedAt: r.requestedAt.toISOString(),
  answeredAt: r.answeredAt?.toISOString() ?? null,
  score: r.score,
  comment: r.comment,
});

export async function recordSurveyAnswer(tx: Db, emit: Emit, input: { contactId: string; score: number; comment?: string | undefined }): Promise<SurveyRecord> {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
    throw new AppError('request.invalid_body', 'The score is a whole number from 1 to 5.', [{ field: 'body.score', message: 'a whole number 1–5' }]);
  }
  const [row] = await tx.select().from(contactSurveys).where(eq(contactSurveys.contactId, input.contactId)).for('update');
  if (!row) throw new AppError('contacts.survey_not_requested', 'No satisfaction survey was requested for this contact.');
  if (row.answeredAt) throw new AppError('contacts.survey_already_answered', 'This survey already has an answer.');
  const [updated] = await tx
    .update(contactSurveys)
    .set({ score: input.score, comment: input.comment?.trim() || null, answeredAt: clock(), answeredPos: nextPos() })
    .where(eq(contactSurveys.contactId, input.contactId))
    .returning();
  emit('contact.survey_answered', { contactId: input.contactId, score: input.score });
  return toSurvey(updated!);
}
