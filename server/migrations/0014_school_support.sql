-- School enrollment support (docs/schools.md): per school type, the eligibility questions and
-- criteria and the document checklist (city data, school-support.yaml); and the status of families'
-- applications imported from the enrollment system's CSV export (personal data: fiscal codes).
-- The enrollment windows themselves stay with the knowledge feature (0005_events_schools.sql).

create table school_support (
  school_type text primary key check (school_type ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  position smallint not null,
  names jsonb not null,
  -- [{id, kind: date|boolean, required, label{lang}}]
  questions jsonb not null,
  -- [{id, question, ranges?: [...], equals?, otherwise: {result, reason{lang}}}]; dates relative to
  -- the school year, so one entry serves every year.
  criteria jsonb not null,
  -- [{id, label{lang}, when?: {question, equals}}]
  checklist jsonb not null,
  updated_at timestamptz not null default now()
);

create table school_applications (
  code text primary key check (code ~ '^[A-Z0-9][A-Z0-9-]{3,29}$'),
  school_type text not null check (school_type ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  school_year text not null check (school_year ~ '^[0-9]{4}/[0-9]{2}$'),
  child_fiscal_code text not null check (child_fiscal_code ~ '^[0-9A-Z]{16}$'),
  parent_fiscal_code text not null check (parent_fiscal_code ~ '^[0-9A-Z]{16}$'),
  status text not null check (status in ('submitted', 'under-review', 'admitted', 'waitlisted', 'not-admitted', 'withdrawn')),
  school text check (length(school) <= 200),
  waitlist_position integer check (waitlist_position > 0),
  status_date date not null,
  imported_at timestamptz not null default now(),
  constraint school_applications_waitlist check ((status = 'waitlisted') or waitlist_position is null)
);
create index school_applications_child on school_applications (child_fiscal_code);
create index school_applications_parent on school_applications (parent_fiscal_code);
