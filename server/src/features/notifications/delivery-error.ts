import type { StoredAttachment } from './tables';

/** What a channel sender gets: the stored row, minus bookkeeping. */
export interface OutgoingMessage {
  id: string;
  to: string;
  language: string;
  subject: string | null;
  text: string;
  attachments: StoredAttachment[];
  reference: { kind: string; id: string };
}

export interface SendResult {
  providerMessageId: string | null;
}

/**
 * A failed attempt, named by a code without personal data (`smtp.550`, `sms.http_503`).
 * `final` failures are not retried (nothing will change before the next attempt).
 */
export class DeliveryError extends Error {
  constructor(
    readonly code: string,
    readonly final = false,
  ) {
    super(code);
    this.name = 'DeliveryError';
  }
}
