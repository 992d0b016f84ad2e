-- Mobility: the dated rules of Milan's traffic schemes (Ecopass, Area C, Area B) and the Area C
-- tickets, residents' permits and recorded entries. See docs/mobility.md.

-- One row per scheme: the lock a version change takes (`for update`) so that two administrators
-- cannot create overlapping versions at the same time, on a server as on PGlite.
create table mobility_schemes (
  id text primary key check (id ~ '^[a-z][a-z0-9-]{0,30}$')
);
insert into mobility_schemes (id) values ('ecopass'), ('area-c'), ('area-b');

-- A version of a scheme's rules, valid on local dates valid_from..valid_to (inclusive; open-ended
-- when valid_to is null). The body (hours, charges in cents, vehicle rules, permits, resident terms)
-- is one jsonb document validated by the same zod schema on write and on read
-- (features/mobility/rules-schema.ts): a version is edited, replaced and read whole. No two
-- versions of a scheme overlap; the use-case checks it under the scheme's row lock (a GiST
-- exclusion constraint would need btree_gist, which PGlite does not ship).
create table mobility_rule_versions (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  scheme text not null references mobility_schemes (id),
  valid_from date not null,
  valid_to date,
  rules jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint mobility_rule_versions_order check (valid_to is null or valid_to >= valid_from)
);
create index mobility_rule_versions_scheme on mobility_rule_versions (scheme, valid_from);

-- Plates are stored normalised (upper case, no spaces or dashes). A plate is personal data only
-- together with its owner: permits (with the fiscal code) are read by staff with an audit entry.

-- An Area C ticket: one day's entry for one plate, paid through a pagoPA notice.
create table area_c_tickets (
  id uuid primary key default gen_random_uuid(),
  plate text not null check (plate ~ '^[A-Z0-9]{2,12}$'),
  day date not null,
  amount_cents integer not null check (amount_cents > 0),
  -- 'purchase': bought beforehand or by the pay-by deadline; 'deferred': within 7 days at the
  -- higher charge; 'entry': raised by a recorded entry that nothing else covered.
  origin text not null check (origin in ('purchase', 'deferred', 'entry')),
  -- The version that priced it (kept as text: a future version may be replaced or deleted later).
  version_id text not null,
  notice_id uuid not null references payment_notices (id),
  -- Set by the `payment.received` listener (the notice's own status says the same).
  paid_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index area_c_tickets_plate_day on area_c_tickets (plate, day);

-- A resident's permit for a year: so many free entries, then the resident's charge.
create table area_c_resident_permits (
  id uuid primary key default gen_random_uuid(),
  plate text not null check (plate ~ '^[A-Z0-9]{2,12}$'),
  fiscal_code text not null check (fiscal_code ~ '^[A-Z0-9]{16}$'),
  year smallint not null check (year between 2012 and 2199),
  created_at timestamptz not null default now(),
  constraint area_c_resident_permits_once unique (plate, year)
);

-- A charged day seen at the gates: at most one per plate and day (the charge is per day), and what
-- covered it: a free resident entry, a ticket bought before, or a ticket raised for it.
create table area_c_entries (
  id uuid primary key default gen_random_uuid(),
  plate text not null check (plate ~ '^[A-Z0-9]{2,12}$'),
  day date not null,
  entered_at timestamptz not null,
  outcome text not null check (outcome in ('free-entry', 'ticket', 'charged')),
  permit_id uuid references area_c_resident_permits (id),
  ticket_id uuid references area_c_tickets (id),
  created_at timestamptz not null default now(),
  constraint area_c_entries_once unique (plate, day),
  constraint area_c_entries_cover check ((outcome = 'free-entry') = (permit_id is not null and ticket_id is null))
);
create index area_c_entries_permit on area_c_entries (permit_id) where permit_id is not null;
