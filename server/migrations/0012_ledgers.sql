-- Taxpayer ledgers (TARI and IMU instalments, traffic fines) and pagoPA receipts. Each position
-- owns exactly one row of payment_notices (0006): the notice is what citizens pay and what the
-- receipt webhook marks as paid; the position keeps the facts that decide the amount due on a
-- given day. See docs/taxes-and-fines.md.

-- Due dates of local taxes per year and instalment, from the city's resolutions (TARI dates change
-- every year; IMU is 16 June / 16 December by law). Nominal dates: the move to the next working
-- day is computed with the holiday calendar when the amount due is asked.
create table tax_deadlines (
  tax text not null check (tax in ('tari', 'imu')),
  year smallint not null check (year between 2000 and 2100),
  instalment text not null check (instalment in ('advance', 'balance', 'single')),
  due_date date not null,
  primary key (tax, year, instalment)
);

create table tax_instalments (
  id uuid primary key default gen_random_uuid(),
  -- The position's id in the city's tax system (e.g. TARI-2026-000123): the duplicate key of imports.
  ref text not null unique check (length(ref) between 1 and 60),
  tax text not null check (tax in ('tari', 'imu')),
  year smallint not null,
  instalment text not null,
  debtor_fiscal_code text not null,
  amount_cents integer not null check (amount_cents > 0),
  notice_id uuid not null unique references payment_notices (id),
  created_at timestamptz not null default now(),
  foreign key (tax, year, instalment) references tax_deadlines (tax, year, instalment)
);
create index tax_instalments_debtor on tax_instalments (debtor_fiscal_code);

create table traffic_fines (
  id uuid primary key default gen_random_uuid(),
  -- The verbale (notice of violation) number printed on the fine.
  verbale text not null unique check (length(verbale) between 1 and 60),
  offence_date date not null,
  notification_date date not null check (notification_date >= offence_date),
  plate text not null check (plate ~ '^[A-Z0-9]{2,10}$'),
  -- Codice della Strada article and paragraph, e.g. "142 c.8".
  article text not null check (length(article) between 1 and 40),
  min_cents integer not null check (min_cents > 0),
  max_cents integer not null check (max_cents >= min_cents),
  -- Notification and procedure costs: added to every amount, never reduced.
  costs_cents integer not null default 0 check (costs_cents >= 0),
  -- Accessory sanction: with confiscation or licence suspension the 30% reduction does not apply
  -- (Codice della Strada art. 202 c.1).
  accessory_sanction text not null default 'none' check (accessory_sanction in ('none', 'licence-suspension', 'confiscation')),
  debtor_fiscal_code text not null,
  notice_id uuid not null unique references payment_notices (id),
  created_at timestamptz not null default now()
);
create index traffic_fines_debtor on traffic_fines (debtor_fiscal_code);

-- pagoPA receipts (paSendRT) as received: the receipt id makes the webhook idempotent, and the
-- stored answer is what a repeated delivery gets back.
create table payment_receipts (
  receipt_id text primary key check (length(receipt_id) between 1 and 64),
  notice_id uuid not null references payment_notices (id),
  notice_number text not null,
  creditor_fiscal_code text not null,
  amount_cents integer not null,
  paid_at timestamptz not null,
  psp text not null,
  outcome text not null check (outcome in ('OK', 'KO')),
  result jsonb not null,
  received_at timestamptz not null default now()
);
create index payment_receipts_notice on payment_receipts (notice_id);
