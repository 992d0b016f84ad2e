import { z } from 'zod';
import { isKnownLanguage, type LanguageCode } from '../../platform/i18n/languages';

const languageCode = z.string().refine(isKnownLanguage, 'unknown language code') as unknown as z.ZodType<LanguageCode>;

export const referenceKind = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _, starting with a letter');
export const referenceId = z.string().min(1).max(100);
export const reference = z.object({ kind: referenceKind, id: referenceId });

const attachment = z.object({
  filename: z.string().min(1).max(200).regex(/^[^/\\\r\n]+$/, 'a plain file name'),
  contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+(;\s*[a-z-]+=[A-Za-z0-9._-]+)*$/i, 'a MIME type such as text/calendar'),
  // Text content (an ICS invitation, a receipt): it is what callers send today.
  content: z.string().max(1_000_000),
});

const common = {
  language: languageCode,
  text: z.string().trim().min(1).max(20_000),
  reference,
  tag: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,59}$/, 'lower-case letters, digits, ., - and _').optional(),
  notBefore: z.date().optional(),
};

/**
 * The two channels, validated separately so that the errors name the rule that fails. E.164 is the
 * ITU-T international number format (+, country code, at most 15 digits) that SMS gateways expect.
 */
export const notificationRequestSchema = z.discriminatedUnion('channel', [
  z.object({
    channel: z.literal('email'),
    to: z.email().max(320),
    subject: z.string().trim().min(1).max(300),
    attachments: z.array(attachment).max(10).optional(),
    ...common,
  }),
  z.object({
    channel: z.literal('sms'),
    to: z.e164(),
    subject: z.undefined({ error: 'SMS has no subject' }).optional(),
    // Ten concatenated segments of 160 GSM characters is what gateways commonly accept.
    text: z.string().trim().min(1).max(1600),
    attachments: z.array(attachment).max(0, 'SMS carries no attachments').optional(),
    language: common.language,
    reference: common.reference,
    tag: common.tag,
    notBefore: common.notBefore,
  }),
]);

export const notificationsQuery = z.object({ kind: referenceKind, id: referenceId });

export const notificationView = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  language: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })),
  reference: z.object({ kind: z.string(), id: z.string() }),
  tag: z.string().nullable(),
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'cancelled']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  messageId: z.string().nullable(),
  notBefore: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});

export type NotificationView = z.infer<typeof notificationView>;
