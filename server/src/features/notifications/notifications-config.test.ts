import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config';
import { messageIdDomain } from './email-sender';
import { signBody } from './sms-sender';

describe('notification settings', () => {
  it('refuse an SMS gateway without the secret that signs its requests', () => {
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'https://sms.example.it/send' })).toThrow(/SMS_GATEWAY_SECRET/);
    expect(loadConfig({ SMS_GATEWAY_URL: 'https://sms.example.it/send', SMS_GATEWAY_SECRET: 'a-long-enough-secret' }).SMS_GATEWAY_URL).toBe('https://sms.example.it/send');
    expect(() => loadConfig({ SMS_GATEWAY_URL: 'ftp://sms.example.it', SMS_GATEWAY_SECRET: 'a-long-enough-secret' })).toThrow(/SMS_GATEWAY_URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.it' })).toThrow(/SMTP_URL/);
  });

  it('default to the demo sender, whose domain names our Message-IDs', () => {
    const config = loadConfig({});
    expect(config.MAIL_FROM).toBe('"Comune di Milano 02.02.02" <noreply@sportello.local>');
    expect(messageIdDomain(config.MAIL_FROM)).toBe('sportello.local');
    expect(messageIdDomain('avvisi@Comune.Milano.it')).toBe('comune.milano.it');
    expect(messageIdDomain('no address here')).toBe('sportello.local');
  });

  it('sign the exact body bytes with HMAC-SHA256', () => {
    const body = '{"to":"+393331234567","text":"Città"}';
    expect(signBody(body, 'k')).toBe(`sha256=${createHmac('sha256', 'k').update(Buffer.from(body, 'utf8')).digest('hex')}`);
    expect(signBody(body, 'k')).not.toBe(signBody(`${body} `, 'k'));
  });
});
