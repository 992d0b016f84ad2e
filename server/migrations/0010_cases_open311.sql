-- Cases (requests escalated to back offices) and their Open311 GeoReport v2 face: the service
-- catalogue, the cases with status history and notes, and the API keys of registered apps.
-- See docs/cases.md and docs/open311.md.

-- One row: the city's settings for cases, loaded from service-catalogue.yaml. The business hours use
-- the directory's hours grammar ("lun-ven 08:30-16:30") in the city's zone; SLA targets count them.
create table case_settings (
  id boolean primary key default true check (id),
  jurisdiction_id text not null check (length(jurisdiction_id) between 1 and 200),
  business_hours text not null,
  contact text not null,
  key_service text not null,
  updated_at timestamptz not null default now()
);

-- Open311 "services": the types of request a citizen can file. Texts are per language
-- ({"it": "…", "en": "…"}); `attributes` is the service definition (GeoReport v2 attributes, with
-- per-language descriptions and value names), checked by the importer.
create table case_services (
  code text primary key check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(code) <= 100),
  names jsonb not null check (jsonb_typeof(names) = 'object'),
  descriptions jsonb not null check (jsonb_typeof(descriptions) = 'object'),
  groups jsonb not null check (jsonb_typeof(groups) = 'object'),
  notices jsonb not null default '{}' check (jsonb_typeof(notices) = 'object'),
  keywords text[] not null default '{}',
  type text not null check (type in ('realtime', 'batch', 'blackbox')),
  attributes jsonb not null default '[]' check (jsonb_typeof(attributes) = 'array'),
  department text not null references departments (slug) on update cascade,
  -- Target time to close, in business hours (case_settings.business_hours, skipping holidays).
  sla_business_hours integer not null check (sla_business_hours between 1 and 10000),
  position integer not null default 0,
  updated_at timestamptz not null default now()
);

-- Apps registered by administrators to post Open311 requests. Only the SHA-256 of a key is kept;
-- `key_prefix` lets an administrator tell keys apart without holding them.
create table open311_api_keys (
  id uuid primary key,
  name text not null check (length(name) between 1 and 200),
  contact text,
  key_hash text not null unique,
  key_prefix text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create sequence case_number_seq;

create table cases (
  id uuid primary key,
  -- The public number, Open311's service_request_id (as a string).
  number bigint not null unique default nextval('case_number_seq'),
  service_code text not null references case_services (code) on update cascade,
  department text not null references departments (slug) on update cascade,
  status text not null default 'open' check (status in ('open', 'acknowledged', 'in_progress', 'closed', 'rejected')),
  -- The latest public status note (Open311 status_notes).
  status_notes text,
  attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
  description text check (length(description) <= 4000),
  lat numeric(9, 6) check (lat between -90 and 90),
  long numeric(9, 6) check (long between -180 and 180),
  address text check (length(address) <= 500),
  address_id text check (length(address_id) <= 200),
  zipcode text check (length(zipcode) <= 20),
  media_url text check (length(media_url) <= 2000),
  -- Requester: personal data, never shown publicly; staff reads are audited.
  requester_first_name text,
  requester_last_name text,
  requester_email text,
  requester_phone text,
  -- Links to the citizens and contacts features (built separately, hence no foreign keys yet).
  citizen_id uuid,
  contact_id uuid,
  account_id text,
  device_id text,
  -- Where the request came from: the citizen is told of status changes on this channel.
  channel text not null check (channel in ('open311', 'phone', 'webchat', 'email', 'messaging', 'form', 'counter')),
  language text not null check (language ~ '^[a-z]{2,3}$'),
  -- Open311 batch services answer a token first; it finds the request later.
  token text unique,
  api_key_id uuid references open311_api_keys (id),
  created_by uuid,
  requested_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  expected_at timestamptz,
  closed_at timestamptz,
  constraint cases_location_pair check ((lat is null) = (long is null)),
  constraint cases_closed check ((status in ('closed', 'rejected')) = (closed_at is not null))
);
-- The worklist reads by department and status, oldest deadline first; Open311 lists by date.
create index cases_worklist on cases (department, status, expected_at);
create index cases_requested on cases (requested_at desc, number desc);
create index cases_service on cases (service_code, requested_at desc);

create table case_status_history (
  id bigserial primary key,
  case_id uuid not null references cases (id) on delete cascade,
  from_status text,
  to_status text not null,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text not null,
  note text check (length(note) <= 4000),
  -- A public note is shown to the citizen (Open311 status_notes and notes extension).
  public boolean not null default true
);
create index case_status_history_case on case_status_history (case_id, id);

create table case_notes (
  id bigserial primary key,
  case_id uuid not null references cases (id) on delete cascade,
  at timestamptz not null default now(),
  author_id uuid,
  author_name text not null,
  visibility text not null check (visibility in ('public', 'internal')),
  body text not null check (length(body) between 1 and 4000)
);
create index case_notes_case on case_notes (case_id, id);
