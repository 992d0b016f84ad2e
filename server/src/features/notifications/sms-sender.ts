import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config';
import { DeliveryError, type OutgoingMessage, type SendResult } from './delivery-error';

type SmsConfig = Pick<Config, 'SMS_GATEWAY_URL' | 'SMS_GATEWAY_SECRET'>;

export const SIGNATURE_HEADER = 'X-Sportello-Signature';

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes, the scheme GitHub-style webhooks use. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export interface SmsSender {
  send(message: OutgoingMessage): Promise<SendResult>;
}

/**
 * A generic JSON webhook, so that any SMS provider can sit behind a small adapter of the city's:
 * POST {"to","text","reference","id"}; any 2xx means accepted.
 */
export function createSmsSender(config: SmsConfig, log: Logger): SmsSender {
  let warned = false;
  return {
    async send(message) {
      if (!config.SMS_GATEWAY_URL || !config.SMS_GATEWAY_SECRET) {
        if (!warned) log.warn('SMS_GATEWAY_URL is not set: text messages are marked failed (sms.no_gateway)');
        warned = true;
        throw new DeliveryError('sms.no_gateway', true);
      }
      const body = JSON.stringify({ to: message.to, text: message.text, reference: message.reference, id: message.id });
      let response: Response;
      try {
        response = await fetch(config.SMS_GATEWAY_URL, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', [SIGNATURE_HEADER]: signBody(body, config.SMS_GATEWAY_SECRET) },
          body,
          redirect: 'error',
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        throw new DeliveryError((error as Error).name === 'TimeoutError' ? 'sms.timeout' : 'sms.network');
      }
      const answer = await response.text().catch(() => '');
      if (!response.ok) throw new DeliveryError(`sms.http_${response.status}`);
      return { providerMessageId: providerId(answer) };
    },
  };
}

function providerId(answer: string): string | null {
  try {
    const json = JSON.parse(answer) as Record<string, unknown>;
    const id = json.id ?? json.messageId ?? json.message_id;
    return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 200) : null;
  } catch {
    return null;
  }
}
