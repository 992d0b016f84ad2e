-- Platform: extensions, the event outbox.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- unaccent() is only STABLE; index expressions need IMMUTABLE. The dictionary is fixed at install,
-- so wrapping it with an explicit dictionary is the usual, safe way to index unaccented text.
create or replace function immutable_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Domain events, written in the same transaction as the change they describe (transactional outbox).
-- A relay claims undelivered rows with a lease, hands them to listeners, then marks them delivered,
-- so a crash between claim and delivery only delays an event (at-least-once delivery).
create table outbox_events (
  id bigserial primary key,
  name text not null,
  payload jsonb not null,
  occurred_at timestamptz not null default now(),
  claimed_until timestamptz,
  delivered_at timestamptz
);
create index outbox_events_pending on outbox_events (id) where delivered_at is null;
