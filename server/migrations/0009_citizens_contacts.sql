-- Citizens (profiles, contact points, consents) and contacts (every interaction on every channel:
-- state, transitions, messages, notes, wrap-up, satisfaction survey). See docs/contacts.md.

-- A citizen profile. Every personal field is nullable: an erased citizen keeps its row (contacts
-- still point at it, for statistics) with these fields emptied and `erased_at` set.
create table citizens (
  id uuid primary key,
  given_name text check (length(given_name) between 1 and 200),
  family_name text check (length(family_name) between 1 and 200),
  -- Normalised (upper case, no spaces), validated by the application (DM 23/12/1976 layout and
  -- check character); unique when present, so one person has one profile.
  fiscal_code text unique check (fiscal_code ~ '^[A-Z0-9]{16}$'),
  preferred_language text check (preferred_language ~ '^[a-z]{2,3}$'),
  erased_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- Search by name: lower-cased prefix and substring matches.
create index citizens_family_name on citizens (lower(family_name) text_pattern_ops);

-- Phones (E.164), emails (lower case), messaging ids (`whatsapp:+39…`). Not unique: a family may
-- share a landline; matching reports such an address as ambiguous instead of guessing.
create table citizen_contact_points (
  id uuid primary key,
  citizen_id uuid not null references citizens (id) on delete cascade,
  kind text not null check (kind in ('phone', 'email', 'messaging')),
  value text not null check (length(value) between 3 and 320),
  label text check (length(label) <= 60),
  created_at timestamptz not null default now(),
  unique (citizen_id, kind, value)
);
create index citizen_contact_points_value on citizen_contact_points (kind, value);

-- Consent history, append-only: the current state of a kind is its latest row (GDPR art. 7(1): the
-- controller must be able to show when and how consent was given or withdrawn).
create table citizen_consents (
  id uuid primary key,
  citizen_id uuid not null references citizens (id) on delete cascade,
  kind text not null check (kind ~ '^[a-z][a-z0-9-]{1,40}$'),
  granted boolean not null,
  at timestamptz not null default now(),
  -- How it was given: the channel or document ("voice", "web-form", "paper form at the counter").
  via text not null check (length(via) between 1 and 200),
  recorded_by uuid references staff_users (id)
);
create index citizen_consents_citizen on citizen_consents (citizen_id, kind, at desc);

-- The wrap-up topics a city offers, with their names in every language (loaded from city data).
create table contact_topics (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  position integer not null,
  names jsonb not null,
  active boolean not null default true
);

-- One clock and one order for everything on a contact's timeline. Times come from clock_timestamp()
-- (now() is the transaction's start, so a message and the transition after it in one transaction
-- would tie); `pos` draws from one sequence in statement order, so entries written in the same
-- millisecond still sort as they happened.
create sequence contact_entry_seq;

create table contacts (
  id uuid primary key,
  channel text not null check (channel in ('webchat', 'email', 'sms', 'whatsapp', 'voice', 'web-form')),
  direction text not null check (direction in ('inbound', 'outbound')),
  state text not null check (state in ('new', 'self-service', 'queued', 'offered', 'active', 'wrap-up', 'closed', 'abandoned', 'transferred')),
  language text check (language ~ '^[a-z]{2,3}$'),
  topic text,
  outcome text,
  citizen_id uuid references citizens (id),
  -- The citizen's address on the channel (normalised phone, email, `whatsapp:+39…`): personal data,
  -- emptied by erasure.
  address text check (length(address) <= 320),
  subject text check (length(subject) <= 500),
  -- The channel's own id (SIP Call-ID, email thread, provider conversation), for adapters.
  external_ref text check (length(external_ref) <= 300),
  queue text check (queue ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  agent_id uuid references staff_users (id),
  message_count integer not null default 0,
  opened_at timestamptz not null default clock_timestamp(),
  state_changed_at timestamptz not null default clock_timestamp(),
  wrapped_up_at timestamptz,
  wrap_up_pos bigint,
  closed_at timestamptz
);
create index contacts_state_queue on contacts (state, queue, opened_at);
create index contacts_citizen on contacts (citizen_id, opened_at desc) where citizen_id is not null;
-- findOpenContact: a channel's open conversation with an address (partial: only live contacts).
create index contacts_open_address on contacts (channel, address) where state not in ('closed', 'abandoned');
-- One live contact per channel conversation; a closed one's id may come back (a WhatsApp chat resumed).
create unique index contacts_external_ref on contacts (channel, external_ref) where external_ref is not null and state not in ('closed', 'abandoned');

-- Every state change with its time: the source of queue waits, handle times and abandonment.
create table contact_transitions (
  id bigserial primary key,
  contact_id uuid not null references contacts (id) on delete cascade,
  event text not null,
  from_state text not null,
  to_state text not null,
  at timestamptz not null default clock_timestamp(),
  pos bigint not null default nextval('contact_entry_seq'),
  agent_id uuid references staff_users (id),
  queue text,
  reason text check (length(reason) <= 500)
);
create index contact_transitions_contact on contact_transitions (contact_id, id);

create table contact_messages (
  id uuid primary key,
  contact_id uuid not null references contacts (id) on delete cascade,
  -- Order within the contact: 1, 2, 3… assigned under the contact's row lock.
  seq integer not null,
  sender text not null check (sender in ('citizen', 'agent', 'bot', 'system')),
  agent_id uuid references staff_users (id),
  body text not null check (length(body) <= 20000),
  language text check (language ~ '^[a-z]{2,3}$'),
  -- [{name, type, size, sha256}]: metadata only, never the bytes.
  attachments jsonb not null default '[]',
  delivery_status text not null check (delivery_status in ('queued', 'sent', 'delivered', 'read', 'failed')),
  delivery_updated_at timestamptz not null default clock_timestamp(),
  -- The sender's idempotency key: a retried append returns the stored message.
  client_message_id text check (length(client_message_id) between 1 and 200),
  -- The provider's id of the message (for delivery receipts).
  external_id text check (length(external_id) <= 300),
  created_at timestamptz not null default clock_timestamp(),
  pos bigint not null default nextval('contact_entry_seq'),
  unique (contact_id, seq),
  unique (contact_id, client_message_id)
);
create index contact_messages_external on contact_messages (external_id) where external_id is not null;

-- Internal notes: staff only, never shown to citizens.
create table contact_notes (
  id uuid primary key,
  contact_id uuid not null references contacts (id) on delete cascade,
  author_id uuid references staff_users (id),
  body text not null check (length(body) <= 10000),
  created_at timestamptz not null default clock_timestamp(),
  pos bigint not null default nextval('contact_entry_seq')
);
create index contact_notes_contact on contact_notes (contact_id, created_at);

-- One satisfaction survey per closed contact, requested at close and delivered by the channel.
create table contact_surveys (
  contact_id uuid primary key references contacts (id) on delete cascade,
  -- The contact's language when known; the channel falls back to the city's default.
  language text check (language ~ '^[a-z]{2,3}$'),
  requested_at timestamptz not null default clock_timestamp(),
  requested_pos bigint not null default nextval('contact_entry_seq'),
  answered_at timestamptz,
  answered_pos bigint,
  score smallint check (score between 1 and 5),
  comment text check (length(comment) <= 2000)
);
