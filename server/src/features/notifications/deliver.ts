import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { DeliveryError, type OutgoingMessage, type SendResult } from './delivery-error';
import { createEmailSender, messageIdDomain, type EmailSender } from './email-sender';
import { createSmsSender, type SmsSender } from './sms-sender';
import { outboundNotifications as t, type NotificationChannel, type StoredAttachment } from './tables';

// A claimed row stays ours this long; a node that dies mid-send leaves it to be claimed again after.
// Longer than a batch of sends with the transports' timeouts (10 s connect, 30 s socket).
const LEASE_SECONDS = 300;
const BATCH = 10;
// One pass stops after this many batches, so that a wake-up never turns into an endless loop.
const MAX_BATCHES_PER_PASS = 50;
const MAX_BACKOFF_SECONDS = 6 * 3600;

interface ClaimedRow {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  language: string;
  subject: string | null;
  body: string;
  attachments: StoredAttachment[] | string;
  reference_kind: string;
  reference_id: string;
  tag: string | null;
  attempts: number;
  message_id: string | null;
}

/** Runs delivery passes one at a time per process; a wake-up during a pass asks for one more. */
class Dispatcher {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly pass: () => Promise<unknown>) {}

  kick(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass();
      } while (this.again && !this.closed);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running?.catch(() => undefined);
  }
}

interface Runtime {
  email: EmailSender;
  sms: SmsSender;
  dispatcher: Dispatcher;
}

// One set of transports per application (tests build many apps in one process).
const runtimes = new WeakMap<AppContext, Runtime>();

export function notificationsRuntime(ctx: AppContext): Runtime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    const email = createEmailSender(ctx.config);
    const sms = createSmsSender(ctx.config, ctx.log);
    const senders = { email, sms };
    runtime = { email, sms, dispatcher: new Dispatcher(() => deliverDue(ctx, senders)) };
    runtimes.set(ctx, runtime);
  }
  return runtime;
}

export async function closeNotificationsRuntime(ctx: AppContext): Promise<void> {
  const runtime = runtimes.get(ctx);
  if (!runtime) return;
  await runtime.dispatcher.close();
  runtime.email.close();
}

/** Sends everything due now; returns how many messages were attempted. */
export async function deliverDue(ctx: AppContext, senders: { email: EmailSender; sms: SmsSender }): Promise<number> {
  const domain = messageIdDomain(ctx.config.MAIL_FROM);
  let attempted = 0;
  for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch++) {
    const rows = await claimDue(ctx, domain);
    if (rows.length === 0) break;
    await Promise.all(rows.map((row) => deliverOne(ctx, senders, row)));
    attempted += rows.length;
  }
  return attempted;
}

/**
 * Claims due rows for this worker: queued ones whose time has come, and sending ones whose lease
 * expired. SKIP LOCKED lets several nodes claim side by side without waiting on each other. The
 * Message-ID is fixed on the first attempt, so a retry carries the same one.
 */
async function claimDue(ctx: AppContext, domain: string): Promise<ClaimedRow[]> {
  return ctx.database.query<ClaimedRow>(
    `update outbound_notifications n
        set status = 'sending', attempts = n.attempts + 1, updated_at = now(),
            claimed_until = now() + make_interval(secs => $2),
            message_id = case when n.channel = 'email' then coalesce(n.message_id, '<' || n.id::text || '@' || $3 || '>') end
      where n.id in (select id from outbound_notifications
                      where (status = 'queued' and next_attempt_at <= now())
                         or (status = 'sending' and claimed_until < now())
                      order by next_attempt_at, id
                      limit $1
                      for update skip locked)
      returning n.id, n.channel, n.recipient, n.language, n.subject, n.body, n.attachments,
                n.reference_kind, n.reference_id, n.tag, n.attempts, n.message_id`,
    [BATCH, LEASE_SECONDS, domain],
  );
}

async function deliverOne(ctx: AppContext, senders: { email: EmailSender; sms: SmsSender }, row: ClaimedRow): Promise<void> {
  const message: OutgoingMessage = {
    id: row.id,
    to: row.recipient,
    language: row.language,
    subject: row.subject,
    text: row.body,
    attachments: typeof row.attachments === 'string' ? (JSON.parse(row.attachments) as StoredAttachment[]) : row.attachments,
    reference: { kind: row.reference_kind, id: row.reference_id },
  };
  let result: SendResult;
  try {
    result = row.channel === 'email' ? await senders.email.send({ ...message, messageId: row.message_id! }) : await senders.sms.send(message);
  } catch (error) {
    if (!(error instanceof DeliveryError)) ctx.log.error({ err: error, notificationId: row.id }, 'notification send crashed');
    const failure = error instanceof DeliveryError ? error : new DeliveryError(`${row.channel}.unexpected`);
    await recordFailure(ctx, row, failure);
    return;
  }
  await recordSent(ctx, row, result);
}

async function recordSent(ctx: AppContext, row: ClaimedRow, result: SendResult): Promise<void> {
  await ctx.transact(async (tx, emit) => {
    const updated = await tx
      .update(t)
      .set({ status: 'sent', sentAt: sql`now()`, updatedAt: sql`now()`, claimedUntil: null, lastError: null, providerMessageId: result.providerMessageId })
      .where(and(eq(t.id, row.id), eq(t.status, 'sending')))
      .returning({ id: t.id });
    if (updated.length) emit('notification.sent', eventOf(row));
  });
  ctx.log.info({ notificationId: row.id, channel: row.channel, attempts: row.attempts }, 'notification sent');
}

async function recordFailure(ctx: AppContext, row: ClaimedRow, failure: DeliveryError): Promise<void> {
  const giveUp = failure.final || row.attempts >= ctx.config.NOTIFICATIONS_MAX_ATTEMPTS;
  // Exponential backoff from NOTIFICATIONS_RETRY_SECONDS: 1×, 2×, 4×, … capped at six hours.
  const delay = Math.min(ctx.config.NOTIFICATIONS_RETRY_SECONDS * 2 ** (row.attempts - 1), MAX_BACKOFF_SECONDS);
  await ctx.transact(async (tx, emit) => {
    if (!giveUp && row.tag !== null) {
      // Queued again while this attempt was in flight: the newer message replaces this one (the
      // pending (reference, tag) pair is unique), so this one is not retried.
      const [newer] = await tx
        .select({ id: t.id })
        .from(t)
        .where(and(eq(t.referenceKind, row.reference_kind), eq(t.referenceId, row.reference_id), eq(t.tag, row.tag), eq(t.status, 'queued')))
        .limit(1);
      if (newer) {
        await tx
          .update(t)
          .set({ status: 'cancelled', cancelledAt: sql`now()`, updatedAt: sql`now()`, claimedUntil: null, lastError: failure.code })
          .where(and(eq(t.id, row.id), eq(t.status, 'sending')));
        return;
      }
    }
    const updated = await tx
      .update(t)
      .set(
        giveUp
          ? { status: 'failed', failedAt: sql`now()`, updatedAt: sql`now()`, claimedUntil: null, lastError: failure.code }
          : { status: 'queued', nextAttemptAt: sql`now() + make_interval(secs => ${delay})`, updatedAt: sql`now()`, claimedUntil: null, lastError: failure.code },
      )
      .where(and(eq(t.id, row.id), eq(t.status, 'sending')))
      .returning({ id: t.id });
    if (updated.length && giveUp) emit('notification.failed', { ...eventOf(row), error: failure.code });
  });
  ctx.log.warn({ notificationId: row.id, channel: row.channel, attempts: row.attempts, error: failure.code, final: giveUp }, 'notification not sent');
}

const eventOf = (row: ClaimedRow) => ({ notificationId: row.id, channel: row.channel, referenceKind: row.reference_kind, referenceId: row.reference_id });
