-- pagoPA payment notices the city has issued or imported. One row per notice number: the
-- features that charge citizens (certificate fees, Area C tickets, fines, TARI/IMU instalments)
-- issue or import notices here and learn about payments through the `payment.*` events, so the
-- receipt webhook and the public notice lookup know one table. See docs/payments.md.

-- IUV bases are drawn from a sequence: unique across nodes and never reused, even after a
-- rolled-back transaction (a gap in IUVs is harmless; a reused one would misroute a payment).
create sequence payment_iuv_seq minvalue 1 maxvalue 9999999999999 no cycle;

create table payment_notices (
  id uuid primary key default gen_random_uuid(),
  notice_number text not null unique check (notice_number ~ '^[0-9]{18}$'),
  creditor_fiscal_code text not null check (creditor_fiscal_code ~ '^[0-9]{11}$'),
  amount_cents integer not null check (amount_cents > 0),
  due_date date,
  -- The "causale": what the payment is for, shown on the notice and to anonymous callers. Never a
  -- person's name.
  description text not null check (length(description) between 1 and 140),
  -- The debtor is personal data: shown to staff (audited) and never to anonymous callers.
  debtor_fiscal_code text,
  debtor_name text,
  -- What the notice pays for, so that the owning feature can react to the payment.
  source_kind text not null check (source_kind ~ '^[a-z][a-z0-9-]{0,39}$'),
  source_id text not null check (length(source_id) between 1 and 100),
  status text not null default 'unpaid' check (status in ('unpaid', 'paid', 'cancelled')),
  paid_at timestamptz,
  paid_amount_cents integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint payment_notices_paid_fields check ((status = 'paid') = (paid_at is not null))
);
create index payment_notices_source on payment_notices (source_kind, source_id);
create index payment_notices_debtor on payment_notices (debtor_fiscal_code) where debtor_fiscal_code is not null;
