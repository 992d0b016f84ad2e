-- Outbound notifications (email and SMS) queued by other features inside their own transaction, so
-- that a message is never lost and never sent for a change that rolled back. A worker claims due rows
-- with FOR UPDATE SKIP LOCKED (several nodes), sends, and records the outcome. See docs/notifications.md.

create table outbound_notifications (
  id uuid primary key,
  channel text not null check (channel in ('email', 'sms')),
  -- Email address or E.164 phone number; validated by the API before it gets here.
  recipient text not null check (length(recipient) between 3 and 320),
  language text not null check (language ~ '^[a-z]{2,3}$'),
  subject text check (subject is null or length(subject) between 1 and 300),
  body text not null check (length(body) between 1 and 20000),
  -- [{filename, contentType, content}] (email only), e.g. a text/calendar invitation.
  attachments jsonb not null default '[]'::jsonb,
  reference_kind text not null check (reference_kind ~ '^[a-z][a-z0-9_-]{0,39}$'),
  reference_id text not null check (length(reference_id) between 1 and 100),
  tag text check (tag is null or tag ~ '^[a-z0-9][a-z0-9._-]{0,59}$'),
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed', 'cancelled')),
  attempts smallint not null default 0 check (attempts >= 0),
  -- A code such as `smtp.550` or `sms.no_gateway`: never the server's text, which may quote the address.
  last_error text check (last_error is null or length(last_error) <= 60),
  -- The SMTP relay's queue id or the SMS gateway's message id, when they give one.
  provider_message_id text check (provider_message_id is null or length(provider_message_id) <= 200),
  -- Our RFC 5322 Message-ID, set on the first attempt and kept across retries (threading, dedup).
  message_id text check (message_id is null or length(message_id) <= 300),
  not_before timestamptz not null default now(),
  -- When the next attempt is due: not_before at first, then the retry backoff.
  next_attempt_at timestamptz not null default now(),
  -- The lease of the worker that is sending it; an expired lease is claimed again (crashed node).
  claimed_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  failed_at timestamptz,
  cancelled_at timestamptz,
  constraint outbound_notifications_email_subject check (channel <> 'email' or subject is not null),
  constraint outbound_notifications_sms_plain check (channel <> 'sms' or (subject is null and attachments = '[]'::jsonb))
);

-- (reference, tag) names one pending message, e.g. the 48-hour reminder of an appointment: queueing
-- it again replaces the pending one instead of sending two.
create unique index outbound_notifications_pending_tag
  on outbound_notifications (reference_kind, reference_id, tag)
  where status = 'queued' and tag is not null;

-- The worker's scan: due queued rows, and sending rows whose lease expired.
create index outbound_notifications_due on outbound_notifications (next_attempt_at) where status = 'queued';
create index outbound_notifications_leased on outbound_notifications (claimed_until) where status = 'sending';

create index outbound_notifications_reference on outbound_notifications (reference_kind, reference_id, created_at);
