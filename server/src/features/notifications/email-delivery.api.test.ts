import { randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';
import { AppError } from '../../platform/errors/error-codes';
import { cancelNotifications, listNotifications, queueNotification, type NotificationRequest } from './index';
import { eventsOf, runDeliveryWorker, startSmtpServer } from './notifications.fixture';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer({ user: 'sportello', pass: 's3cret-relay', reject: (address) => address.startsWith('bounce@') });
  t = await createTestApp({
    demo: true,
    env: { SMTP_URL: smtp.url, MAIL_FROM: '"Comune di Milano 02.02.02" <noreply@comune.example.it>', NOTIFICATIONS_MAX_ATTEMPTS: '3', NOTIFICATIONS_RETRY_SECONDS: '0' },
  });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Sportello//Appointments//IT',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:appt-1@sportello.local',
  'DTSTART:20261207T090000Z',
  'DTEND:20261207T092000Z',
  'SUMMARY:Carta d’identità elettronica',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

const appointment = () => ({ kind: 'appointment', id: randomUUID() });
const email = (changes: Partial<NotificationRequest> = {}): NotificationRequest => ({
  channel: 'email',
  to: 'maria.rossi@example.it',
  language: 'it',
  subject: 'Conferma appuntamento CIE',
  text: 'Gentile Maria, il suo appuntamento è confermato per lunedì 7 dicembre alle 10:00.',
  reference: appointment(),
  ...changes,
});
const queue = (request: NotificationRequest) => t.app.ctx.transact((tx, emit) => queueNotification(tx, emit, request));
const list = (reference: { kind: string; id: string }) => listNotifications(t.app.ctx.db, reference);

describe('email over a real SMTP conversation', () => {
  it('sends subject, text, the ICS attachment and our Message-ID, signed in to the relay', async () => {
    const request = email({ attachments: [{ filename: 'appuntamento.ics', contentType: 'text/calendar; method=REQUEST', content: ics }] });
    const { id } = await queue(request);
    const before = smtp.received.length;
    await runDeliveryWorker(t.app.ctx);

    expect(smtp.received.length).toBe(before + 1);
    const mail = smtp.received.at(-1)!;
    expect(mail.user).toBe('sportello');
    expect(mail.to).toEqual(['maria.rossi@example.it']);
    const parsed = await simpleParser(mail.raw);
    expect(parsed.subject).toBe('Conferma appuntamento CIE');
    expect(parsed.text?.trim()).toBe(request.text);
    expect(parsed.from?.text).toContain('noreply@comune.example.it');
    expect(parsed.headers.get('content-language')).toBe('it');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]!.filename).toBe('appuntamento.ics');
    expect(parsed.attachments[0]!.contentType).toBe('text/calendar');
    expect(parsed.attachments[0]!.content.toString('utf8')).toBe(ics);

    const [stored] = await list(request.reference);
    expect(stored).toMatchObject({ id, status: 'sent', attempts: 1, lastError: null, channel: 'email' });
    expect(stored!.messageId).toBe(`<${id}@comune.example.it>`);
    expect(parsed.messageId).toBe(stored!.messageId);
    expect(stored!.sentAt).not.toBeNull();
    expect((await eventsOf(t.app.ctx, id)).map((e) => e.name)).toEqual(['notification.queued', 'notification.sent']);
  });

  it('retries a message the server refuses with 5xx, then marks it failed with the reply code only', async () => {
    const request = email({ to: 'bounce@example.it' });
    const { id } = await queue(request);
    const before = smtp.rejected.length;
    await runDeliveryWorker(t.app.ctx);

    expect(smtp.rejected.length - before).toBe(3);
    const [stored] = await list(request.reference);
    expect(stored).toMatchObject({ id, status: 'failed', attempts: 3, lastError: 'smtp.550', sentAt: null });
    const events = await eventsOf(t.app.ctx, id);
    expect(events.map((e) => e.name)).toEqual(['notification.queued', 'notification.failed']);
    expect(events[1]!.payload).toEqual({ notificationId: id, channel: 'email', referenceKind: 'appointment', referenceId: request.reference.id, error: 'smtp.550' });
  });

  it('keeps a scheduled message until it is due', async () => {
    const request = email({ tag: 'reminder-48h', notBefore: new Date(Date.now() + 3_600_000) });
    const { id } = await queue(request);
    const before = smtp.received.length;
    await runDeliveryWorker(t.app.ctx);
    expect(smtp.received.length).toBe(before);
    expect((await list(request.reference))[0]).toMatchObject({ id, status: 'queued', attempts: 0 });

    // An hour later (moved back rather than waited for):
    await t.app.ctx.database.query(`update outbound_notifications set next_attempt_at = now() - interval '1 second' where id = $1`, [id]);
    await runDeliveryWorker(t.app.ctx);
    expect(smtp.received.length).toBe(before + 1);
    expect((await list(request.reference))[0]).toMatchObject({ id, status: 'sent' });
  });

  it('replaces a pending message of the same reference and tag instead of adding one', async () => {
    const reference = appointment();
    const first = await queue(email({ reference, tag: 'reminder-48h', notBefore: new Date(Date.now() + 3_600_000), text: 'Promemoria: lunedì alle 10:00.' }));
    const second = await queue(email({ reference, tag: 'reminder-48h', notBefore: new Date(Date.now() + 7_200_000), text: 'Promemoria: martedì alle 11:00.' }));
    expect(second.id).toBe(first.id);
    const stored = await list(reference);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text).toBe('Promemoria: martedì alle 11:00.');
  });

  it('cancels pending messages, by tag or all of a reference, and never sends them', async () => {
    const reference = appointment();
    await queue(email({ reference, tag: 'reminder-48h', notBefore: new Date(Date.now() + 3_600_000) }));
    await queue(email({ reference, tag: 'reminder-2h', notBefore: new Date(Date.now() + 3_600_000) }));
    await queue(email({ reference, tag: 'confirmation' }));
    await runDeliveryWorker(t.app.ctx); // sends the confirmation

    expect(await t.app.ctx.transact((tx) => cancelNotifications(tx, reference, 'reminder-48h'))).toBe(1);
    expect(await t.app.ctx.transact((tx) => cancelNotifications(tx, reference))).toBe(1); // the sent one stays sent
    expect(await t.app.ctx.transact((tx) => cancelNotifications(tx, reference))).toBe(0);

    await t.app.ctx.database.query(`update outbound_notifications set next_attempt_at = now() - interval '1 second' where reference_id = $1`, [reference.id]);
    const before = smtp.received.length;
    await runDeliveryWorker(t.app.ctx);
    expect(smtp.received.length).toBe(before);
    const byTag = Object.fromEntries((await list(reference)).map((n) => [n.tag, n.status]));
    expect(byTag).toEqual({ 'reminder-48h': 'cancelled', 'reminder-2h': 'cancelled', confirmation: 'sent' });
  });

  it('sends nothing for a transaction that rolled back', async () => {
    const request = email();
    await expect(
      t.app.ctx.transact(async (tx, emit) => {
        await queueNotification(tx, emit, request);
        throw new Error('the booking failed after queueing');
      }),
    ).rejects.toThrow('the booking failed');
    const before = smtp.received.length;
    await runDeliveryWorker(t.app.ctx);
    expect(smtp.received.length).toBe(before);
    expect(await list(request.reference)).toEqual([]);
  });

  it('refuses a bad address or a request without subject with a 422 error, writing nothing', async () => {
    const reference = appointment();
    const attempt = (request: NotificationRequest) => queue(request).then(() => null, (error: unknown) => error as AppError);
    const badAddress = await attempt(email({ reference, to: 'maria.rossi@' }));
    expect(badAddress).toBeInstanceOf(AppError);
    expect(badAddress).toMatchObject({ code: 'notifications.invalid_address', status: 422 });
    expect(badAddress!.errors?.[0]?.field).toBe('request.to');
    expect(await attempt({ ...email({ reference }), subject: undefined })).toMatchObject({ code: 'notifications.invalid_request', status: 422 });
    expect(await attempt(email({ reference, language: 'xx' as 'it' }))).toMatchObject({ code: 'notifications.invalid_request' });
    expect(await attempt(email({ reference: { kind: 'Appointment!', id: '1' } }))).toMatchObject({ code: 'notifications.invalid_request' });
    expect(await list(reference)).toEqual([]);
  });
});

describe('GET /api/v1/notifications', () => {
  it('lists the messages of a record to an agent, and audits the read', async () => {
    const request = email({ attachments: [{ filename: 'appuntamento.ics', contentType: 'text/calendar', content: ics }] });
    const { id } = await queue(request);
    const agent = await signIn(t.app, 'agent');
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/notifications?kind=appointment&id=${request.reference.id}`, headers: agent });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      expect.objectContaining({ id, channel: 'email', to: 'maria.rossi@example.it', status: 'queued', attachments: [{ filename: 'appuntamento.ics', contentType: 'text/calendar' }] }),
    ]);
    const audit = await t.app.ctx.database.query<{ action: string; actor_name: string }>(
      `select action, actor_name from audit_log where subject_kind = 'appointment' and subject_id = $1`,
      [request.reference.id],
    );
    expect(audit).toEqual([{ action: 'read', actor_name: 'agent' }]);
  });

  it('wants both kind and id, and is closed to roles without contacts.handle', async () => {
    const agent = await signIn(t.app, 'agent');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications?kind=appointment', headers: agent })).statusCode).toBe(400);
    const editor = await signIn(t.app, 'editor');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications?kind=appointment&id=1', headers: editor })).statusCode).toBe(403);
  });
});
