import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import type { DomainEvent } from '../../platform/events/event-catalog';
import { listNotifications, queueNotification, type NotificationRequest } from './index';

// No SMTP_URL, no SMS gateway, and workers on (JOBS_ENABLED): the demo set-up. A queued message is
// sent by the wake-up right after commit, with no worker run by the test.
let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sportello-outbox-'));
  t = await createTestApp({ env: { JOBS_ENABLED: 'true', SPORTELLO_DATA_DIR: dataDir } });
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves with the first `name` event about this notification. */
function outcome(name: 'notification.sent' | 'notification.failed', id: () => string | undefined) {
  return new Promise<DomainEvent>((resolve) => {
    t.app.ctx.events.on(name, (event) => {
      if (event.payload.notificationId === id()) resolve(event);
    });
  });
}
const queue = (request: NotificationRequest) => t.app.ctx.transact((tx, emit) => queueNotification(tx, emit, request));

describe('delivery without SMTP or SMS gateway', () => {
  it('writes the email as an .eml file under the data folder right after commit', async () => {
    let id: string | undefined;
    const sent = outcome('notification.sent', () => id);
    const reference = { kind: 'case', id: randomUUID() };
    ({ id } = await queue({
      channel: 'email',
      to: 'ahmed@example.org',
      language: 'ar',
      subject: 'تم تحديث طلبك',
      text: 'تم تحويل طلبك إلى مكتب السجل المدني.',
      reference,
    }));
    await sent;

    const files = readdirSync(join(dataDir, 'outbox'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`-${id}\\.eml$`));
    const parsed = await simpleParser(readFileSync(join(dataDir, 'outbox', files[0]!)));
    expect(parsed.subject).toBe('تم تحديث طلبك');
    expect(parsed.text?.trim()).toBe('تم تحويل طلبك إلى مكتب السجل المدني.');
    expect(parsed.from?.text).toContain('noreply@sportello.local');
    expect(parsed.messageId).toBe(`<${id}@sportello.local>`);
    expect((await listNotifications(t.app.ctx.db, reference))[0]).toMatchObject({ status: 'sent', messageId: parsed.messageId });
  });

  it('marks a text message failed at once with sms.no_gateway', async () => {
    let id: string | undefined;
    const failed = outcome('notification.failed', () => id);
    const reference = { kind: 'case', id: randomUUID() };
    ({ id } = await queue({ channel: 'sms', to: '+393331234567', language: 'it', text: 'La sua pratica è stata chiusa.', reference }));
    const event = await failed;

    expect(event.payload).toMatchObject({ notificationId: id, channel: 'sms', error: 'sms.no_gateway' });
    expect((await listNotifications(t.app.ctx.db, reference))[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: 'sms.no_gateway' });
  });
});
