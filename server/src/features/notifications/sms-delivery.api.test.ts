import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { cancelNotifications, listNotifications, queueNotification, type NotificationRequest } from './index';
import { eventsOf, runDeliveryWorker, startSmsGateway } from './notifications.fixture';

const SECRET = 'gateway-shared-secret-0123456789';
let t: TestApp;
let gateway: Awaited<ReturnType<typeof startSmsGateway>>;

beforeAll(async () => {
  // The gateway is down for one number, accepts every other and answers with its own message id.
  gateway = await startSmsGateway((request) => {
    const body = JSON.parse(request.body) as { to: string; id: string };
    return body.to === '+390000000000' ? { status: 503, body: '{"error":"unavailable"}' } : { status: 202, body: JSON.stringify({ id: `gw-${body.id.slice(0, 8)}` }) };
  });
  t = await createTestApp({
    env: { SMS_GATEWAY_URL: gateway.url, SMS_GATEWAY_SECRET: SECRET, NOTIFICATIONS_MAX_ATTEMPTS: '4', NOTIFICATIONS_RETRY_SECONDS: '0' },
  });
});
afterAll(async () => {
  await t.close();
  await gateway.close();
});

const sms = (changes: Partial<NotificationRequest> = {}): NotificationRequest => ({
  channel: 'sms',
  to: '+393331234567',
  language: 'zh',
  text: '您的预约已确认：12月7日星期一10:00，米兰市政厅登记处。',
  reference: { kind: 'certificate-request', id: randomUUID() },
  ...changes,
});
const queue = (request: NotificationRequest) => t.app.ctx.transact((tx, emit) => queueNotification(tx, emit, request));

describe('SMS through the signed JSON webhook', () => {
  it('posts to, text, reference and id with an HMAC of the body, and stores the gateway id', async () => {
    const request = sms();
    const { id } = await queue(request);
    const before = gateway.requests.length;
    await runDeliveryWorker(t.app.ctx);

    expect(gateway.requests.length).toBe(before + 1);
    const received = gateway.requests.at(-1)!;
    expect(received.headers['content-type']).toContain('application/json');
    const expected = `sha256=${createHmac('sha256', SECRET).update(received.body).digest('hex')}`;
    expect(received.headers['x-sportello-signature']).toBe(expected);
    expect(JSON.parse(received.body)).toEqual({ to: '+393331234567', text: request.text, reference: request.reference, id });

    const [stored] = await listNotifications(t.app.ctx.db, request.reference);
    expect(stored).toMatchObject({ id, status: 'sent', attempts: 1, providerMessageId: `gw-${id.slice(0, 8)}`, messageId: null });
    expect((await eventsOf(t.app.ctx, id)).map((e) => e.name)).toEqual(['notification.queued', 'notification.sent']);
  });

  it('retries while the gateway answers 5xx, then marks the message failed', async () => {
    const request = sms({ to: '+390000000000' });
    const { id } = await queue(request);
    const before = gateway.requests.length;
    await runDeliveryWorker(t.app.ctx);

    expect(gateway.requests.length - before).toBe(4);
    const [stored] = await listNotifications(t.app.ctx.db, request.reference);
    expect(stored).toMatchObject({ id, status: 'failed', attempts: 4, lastError: 'sms.http_503', providerMessageId: null });
  });

  it('sends a scheduled text only once it is due, and never a cancelled one', async () => {
    const reference = { kind: 'certificate-request', id: randomUUID() };
    const later = new Date(Date.now() + 86_400_000);
    const due = await queue(sms({ reference, tag: 'ready-for-pickup', notBefore: later }));
    await queue(sms({ reference, tag: 'reminder', notBefore: later }));
    const before = gateway.requests.length;
    await runDeliveryWorker(t.app.ctx);
    expect(gateway.requests.length).toBe(before);

    expect(await t.app.ctx.transact((tx) => cancelNotifications(tx, reference, 'reminder'))).toBe(1);
    await t.app.ctx.database.query(`update outbound_notifications set next_attempt_at = now() where reference_id = $1`, [reference.id]);
    await runDeliveryWorker(t.app.ctx);
    expect(gateway.requests.slice(before).map((r) => JSON.parse(r.body).id)).toEqual([due.id]);
  });

  it('refuses a number that is not E.164, a subject, or an attachment', async () => {
    const attempt = (request: NotificationRequest) => queue(request).then(() => null, (error: unknown) => error);
    expect(await attempt(sms({ to: '333 1234567' }))).toMatchObject({ code: 'notifications.invalid_address', status: 422 });
    expect(await attempt(sms({ to: '0039333123' }))).toMatchObject({ code: 'notifications.invalid_address' });
    expect(await attempt(sms({ subject: 'Oggetto' }))).toMatchObject({ code: 'notifications.invalid_request' });
    expect(await attempt(sms({ attachments: [{ filename: 'a.ics', contentType: 'text/calendar', content: 'x' }] }))).toMatchObject({
      code: 'notifications.invalid_request',
    });
    expect(await attempt(sms({ text: 'x'.repeat(1601) }))).toMatchObject({ code: 'notifications.invalid_request' });
  });
});
