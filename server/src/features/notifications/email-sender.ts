import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../platform/config';
import { fromRepoRoot } from '../../platform/paths';
import { DeliveryError, type OutgoingMessage, type SendResult } from './delivery-error';

type EmailConfig = Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'SPORTELLO_DATA_DIR'>;

/** The domain of MAIL_FROM, the right-hand side of the Message-IDs we generate (RFC 5322 §3.6.4). */
export function messageIdDomain(mailFrom: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom);
  return match?.[1]?.toLowerCase() ?? 'sportello.local';
}

export interface EmailSender {
  send(message: OutgoingMessage & { messageId: string }): Promise<SendResult>;
  close(): void;
}

/**
 * SMTP through SMTP_URL; without one, each message is written as an .eml file under
 * <SPORTELLO_DATA_DIR>/outbox/ so that the demo works offline and the files open in any mail reader.
 */
export function createEmailSender(config: EmailConfig): EmailSender {
  const smtp = config.SMTP_URL
    ? nodemailer.createTransport({
        url: config.SMTP_URL,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;
  const files = smtp ? null : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const outbox = join(fromRepoRoot(config.SPORTELLO_DATA_DIR), 'outbox');

  const mail = (m: OutgoingMessage & { messageId: string }) => ({
    from: config.MAIL_FROM,
    to: m.to,
    subject: m.subject ?? '',
    text: m.text,
    messageId: m.messageId,
    headers: { 'Content-Language': m.language },
    attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  });

  return {
    async send(message) {
      if (smtp) {
        try {
          const info = await smtp.sendMail(mail(message));
          // "250 2.0.0 Ok: queued as 4Xk2…" (Postfix) and similar: the relay's id, for tracing a bounce.
          const queued = /queued as ([A-Za-z0-9._-]{1,100})/i.exec(info.response ?? '');
          return { providerMessageId: queued?.[1] ?? null };
        } catch (error) {
          throw new DeliveryError(smtpErrorCode(error));
        }
      }
      const info = await files!.sendMail(mail(message));
      await mkdir(outbox, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await writeFile(join(outbox, `${stamp}-${message.id}.eml`), info.message as Buffer);
      return { providerMessageId: null };
    },
    close() {
      smtp?.close();
    },
  };
}

/** `smtp.550` for a server's answer, `smtp.econnection` for a transport failure: never its text. */
function smtpErrorCode(error: unknown): string {
  const e = error as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return `smtp.${e.responseCode}`;
  const code = typeof e.code === 'string' ? e.code.toLowerCase().replace(/[^a-z0-9_]/g, '').slice(0, 40) : '';
  return `smtp.${code || 'error'}`;
}
