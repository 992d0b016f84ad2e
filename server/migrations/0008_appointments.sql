-- Appointments: bookable services, slot templates per office and service, the generated slots,
-- bookings, the waiting list and the replay store of Idempotency-Key. See docs/appointments.md.

-- A bookable service (the demo city: `cie`, the electronic ID card; `certificati`). Texts are one
-- JSON object per kind, keyed by language: names and descriptions are strings, documents are lists.
create table appointment_services (
  code text primary key check (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  names jsonb not null,
  descriptions jsonb not null,
  documents jsonb not null,
  -- One booked (future) appointment per codice fiscale and service, when true.
  one_active boolean not null default true,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- When an office offers a service: per weekday, a local time range cut into slots of slot_minutes,
-- each taking `capacity` citizens, between two dates (valid_to null: open-ended). Offices are named
-- by their stable directory slug.
create table appointment_slot_templates (
  id uuid primary key,
  service_code text not null references appointment_services (code) on delete cascade,
  office_slug text not null,
  weekday smallint not null check (weekday between 1 and 7),
  opens time not null,
  closes time not null,
  slot_minutes smallint not null check (slot_minutes between 5 and 480),
  capacity smallint not null check (capacity between 1 and 1000),
  valid_from date not null,
  valid_to date,
  constraint appointment_slot_templates_range check (closes > opens),
  constraint appointment_slot_templates_dates check (valid_to is null or valid_to >= valid_from)
);
create index appointment_slot_templates_service on appointment_slot_templates (service_code, office_slug);

-- The slots themselves. `booked` counts bookings and seats held for a waiting-list offer; the check
-- constraint is the last line of defence of the capacity rule (the booking UPDATE is the first).
create table appointment_slots (
  id uuid primary key,
  service_code text not null references appointment_services (code) on delete cascade,
  office_slug text not null,
  local_date date not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  capacity smallint not null check (capacity >= 1),
  booked smallint not null default 0,
  -- withdrawn: no longer inside the office's hours (a closure added later); kept while booked.
  status text not null default 'open' check (status in ('open', 'withdrawn')),
  created_at timestamptz not null default now(),
  constraint appointment_slots_capacity check (booked >= 0 and booked <= capacity),
  constraint appointment_slots_order check (ends_at > starts_at),
  constraint appointment_slots_once unique (service_code, office_slug, starts_at)
);
create index appointment_slots_search on appointment_slots (service_code, starts_at);
create index appointment_slots_office_day on appointment_slots (office_slug, local_date);

create table appointments (
  id uuid primary key,
  slot_id uuid not null references appointment_slots (id),
  service_code text not null references appointment_services (code),
  office_slug text not null,
  fiscal_code text not null check (fiscal_code ~ '^[A-Z0-9]{16}$'),
  name text not null check (length(name) between 1 and 200),
  email text,
  phone text,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  -- SHA-256 of the appointment id and the booking code: the code itself is never stored.
  code_hash text not null,
  status text not null default 'booked' check (status in ('booked', 'cancelled', 'attended', 'no_show')),
  channel text not null check (channel in ('web', 'agent', 'phone', 'chat', 'waitlist')),
  booked_by uuid,
  reschedules smallint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  cancelled_at timestamptz,
  outcome_at timestamptz
);
create index appointments_slot on appointments (slot_id) where status = 'booked';
create index appointments_citizen on appointments (service_code, fiscal_code) where status = 'booked';
create index appointments_office_created on appointments (office_slug, created_at);

-- The waiting list: a citizen waits for a service (optionally at one office, between two dates).
-- When a seat frees, the first matching waiter gets an offer: the seat is held (counted in
-- appointment_slots.booked) until offer_expires_at.
create table appointment_waitlist (
  id uuid primary key,
  service_code text not null references appointment_services (code) on delete cascade,
  office_slug text,
  from_date date,
  to_date date,
  fiscal_code text not null check (fiscal_code ~ '^[A-Z0-9]{16}$'),
  name text not null check (length(name) between 1 and 200),
  email text,
  phone text,
  language text not null check (language ~ '^[a-z]{2,3}$'),
  code_hash text not null,
  status text not null default 'waiting' check (status in ('waiting', 'offered', 'booked', 'lapsed', 'withdrawn')),
  offer_slot_id uuid references appointment_slots (id),
  offer_expires_at timestamptz,
  appointment_id uuid references appointments (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index appointment_waitlist_queue on appointment_waitlist (service_code, created_at) where status = 'waiting';
create index appointment_waitlist_offers on appointment_waitlist (offer_expires_at) where status = 'offered';

-- Idempotency-Key replays of POST /appointments: the key is stored hashed and the 201 body encrypted
-- with a key derived from the client's Idempotency-Key, so the table alone reveals no booking code.
create table appointment_idempotency (
  key_hash text primary key,
  request_hash text not null,
  response bytea,
  created_at timestamptz not null default now()
);
create index appointment_idempotency_created on appointment_idempotency (created_at);
