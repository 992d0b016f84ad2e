-- Registry certificates delivered at home (docs/certificates.md). The catalog (types, exemptions,
-- dated rules) is city data loaded from certificates.yaml; requests are personal data with a full
-- status history.

-- Dated rules: the row with the latest valid_from on or before a date applies (milan-facts.md: model
-- rules as dated data). Stamp duty €16 since 26 Jun 2013 (DL 43/2013, DPR 642/1972 Tariffa art. 4);
-- certificates valid 6 months (DPR 445/2000 art. 41).
create table certificate_rules (
  valid_from date primary key,
  stamp_duty_cents integer not null check (stamp_duty_cents >= 0),
  validity_months smallint not null check (validity_months between 1 and 120),
  delivery_working_days smallint not null check (delivery_working_days between 1 and 60),
  -- true: staff approve a request only once its stamp-duty notice is paid (or it is exempt).
  approval_requires_payment boolean not null,
  updated_at timestamptz not null default now()
);

create table certificate_types (
  code text primary key check (code ~ '^[a-z][a-z0-9-]{0,39}$'),
  position smallint not null,
  -- Civil-status extracts (birth, marriage, death) never carry stamp duty (L. 405/1990 art. 7 c. 5).
  always_exempt boolean not null,
  exempt_reference text,
  names jsonb not null,
  descriptions jsonb not null,
  updated_at timestamptz not null default now()
);

create table certificate_exemptions (
  code text primary key check (code ~ '^[a-z][a-z0-9-]{0,39}$'),
  position smallint not null,
  legal_reference text not null,
  labels jsonb not null,
  updated_at timestamptz not null default now()
);

create table certificate_requests (
  id uuid primary key default gen_random_uuid(),
  -- What the citizen quotes (with their fiscal code as second factor): CR-XXXX-XXXX.
  code text not null unique check (code ~ '^CR-[0-9A-Z]{4}-[0-9A-Z]{4}$'),
  certificate_type text not null references certificate_types (code),
  fiscal_code text not null check (fiscal_code ~ '^[0-9A-Z]{16}$'),
  recipient_name text not null check (length(recipient_name) between 1 and 200),
  -- {street, zipcode, city, province?, careOf?}
  address jsonb not null,
  language text not null,
  email text,
  phone text,
  exemption_code text references certificate_exemptions (code),
  stamp_duty_cents integer not null check (stamp_duty_cents >= 0),
  fee_status text not null check (fee_status in ('none', 'unpaid', 'paid', 'cancelled')),
  notice_id uuid references payment_notices (id),
  status text not null check (status in ('requested', 'approved', 'rejected', 'issued', 'shipped', 'delivered')),
  filed_by text not null check (filed_by in ('citizen', 'agent')),
  filed_by_user uuid,
  -- Idempotency-Key of the filing and a hash of its body: a retry with the same key and body gets
  -- the same request; the same key with another body is refused.
  idempotency_key text unique,
  request_hash text,
  expected_delivery date,
  issued_on date,
  valid_until date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint certificate_requests_contact check (email is not null or phone is not null),
  constraint certificate_requests_fee check ((fee_status = 'none') = (stamp_duty_cents = 0)),
  constraint certificate_requests_notice check ((notice_id is null) = (fee_status = 'none'))
);
create index certificate_requests_status on certificate_requests (status, created_at);
create index certificate_requests_fiscal_code on certificate_requests (fiscal_code);
create index certificate_requests_notice on certificate_requests (notice_id) where notice_id is not null;

-- Every transition, with when, who and why (the citizen sees the steps, staff see the actors).
create table certificate_request_history (
  id bigint generated always as identity primary key,
  request_id uuid not null references certificate_requests (id) on delete cascade,
  from_status text,
  to_status text not null,
  at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('citizen', 'staff', 'system')),
  actor_id uuid,
  actor_name text not null,
  note text check (length(note) <= 1000)
);
create index certificate_request_history_request on certificate_request_history (request_id, id);
