import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { AppError, type FieldProblem } from '../../platform/errors/error-codes';
import type { Emit } from '../../platform/events/unit-of-work';
import type { LanguageCode } from '../../platform/i18n/languages';
import { notificationRequestSchema, reference as referenceSchema, type NotificationView } from './schema';
import { outboundNotifications as t } from './tables';

export interface NotificationRequest {
  channel: 'email' | 'sms';
  to: string; // email address, or phone in E.164 (+39…)
  language: LanguageCode;
  subject?: string; // email only (required for email)
  text: string; // already translated by the caller
  attachments?: { filename: string; contentType: string; content: string }[]; // e.g. text/calendar ICS
  reference: { kind: string; id: string }; // e.g. { kind: 'appointment', id }
  tag?: string; // e.g. 'reminder-48h'; (reference, tag) is unique among pending ones
  notBefore?: Date; // scheduled delivery (reminders)
}

/**
 * Queues a message inside the caller's transaction: it exists (and will be sent) only if the caller's
 * change commits. With a tag, a pending message of the same (reference, tag) is replaced and keeps its
 * id, so a rescheduled appointment moves its reminder instead of adding a second one.
 */
export async function queueNotification(tx: Db, emit: Emit, request: NotificationRequest): Promise<{ id: string }> {
  const parsed = notificationRequestSchema.safeParse(request);
  if (!parsed.success) {
    const errors: FieldProblem[] = parsed.error.issues.map((i) => ({ field: ['request', ...i.path.map(String)].join('.'), message: i.message }));
    const badAddress = parsed.error.issues.some((i) => i.path[0] === 'to');
    throw new AppError(badAddress ? 'notifications.invalid_address' : 'notifications.invalid_request', undefined, errors);
  }
  const r = parsed.data;
  const due = r.notBefore ?? sql`now()`;
  const content = {
    channel: r.channel,
    recipient: r.to,
    language: r.language,
    subject: r.channel === 'email' ? r.subject : null,
    body: r.text,
    attachments: r.channel === 'email' ? (r.attachments ?? []) : [],
    notBefore: due,
    nextAttemptAt: due,
  };
  const [row] = await tx
    .insert(t)
    .values({
      id: randomUUID(),
      ...content,
      referenceKind: r.reference.kind,
      referenceId: r.reference.id,
      tag: r.tag ?? null,
      status: 'queued',
      attempts: 0,
    })
    .onConflictDoUpdate({
      target: [t.referenceKind, t.referenceId, t.tag],
      targetWhere: sql`status = 'queued' and tag is not null`,
      set: { ...content, attempts: 0, lastError: null, messageId: null, updatedAt: sql`now()` },
    })
    .returning({ id: t.id });
  const id = row!.id;
  emit('notification.queued', { notificationId: id, channel: r.channel, referenceKind: r.reference.kind, referenceId: r.reference.id });
  return { id };
}

/** Cancels the pending (queued) messages of a reference, or only the one with `tag`; returns how many. */
export async function cancelNotifications(tx: Db, reference: { kind: string; id: string }, tag?: string): Promise<number> {
  const parsed = referenceSchema.safeParse(reference);
  if (!parsed.success) throw new AppError('notifications.invalid_request', 'The reference is not valid.');
  const ref = parsed.data;
  const rows = await tx
    .update(t)
    .set({ status: 'cancelled', cancelledAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(t.referenceKind, ref.kind),
        eq(t.referenceId, ref.id),
        eq(t.status, 'queued'),
        tag === undefined ? undefined : eq(t.tag, tag),
      ),
    )
    .returning({ id: t.id });
  return rows.length;
}

/** Every message of a reference, oldest first, as staff see it (the route audits the read). */
export async function listNotifications(db: Db, reference: { kind: string; id: string }): Promise<NotificationView[]> {
  const rows = await db
    .select()
    .from(t)
    .where(and(eq(t.referenceKind, reference.kind), eq(t.referenceId, reference.id)))
    .orderBy(asc(t.createdAt), asc(t.id));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map((n) => ({
    id: n.id,
    channel: n.channel,
    to: n.recipient,
    language: n.language,
    subject: n.subject,
    text: n.body,
    attachments: n.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
    reference: { kind: n.referenceKind, id: n.referenceId },
    tag: n.tag,
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError,
    providerMessageId: n.providerMessageId,
    messageId: n.messageId,
    notBefore: n.notBefore.toISOString(),
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    sentAt: iso(n.sentAt),
    failedAt: iso(n.failedAt),
    cancelledAt: iso(n.cancelledAt),
  }));
}
