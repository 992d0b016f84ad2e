-- Directory: Municipi, departments, offices, weekly opening hours, exceptions for single dates and
-- the holiday rules. Local times are wall-clock times in the city's zone (Europe/Rome); instants are
-- computed in code (features/directory/local-time.ts), where the DST rules live.

create table municipi (
  number smallint primary key check (number between 1 and 99),
  name text not null
);

create table departments (
  slug text primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  -- Display names by language code: {"it": "…", "en": "…", …}.
  names jsonb not null check (jsonb_typeof(names) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table offices (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null check (length(title) between 1 and 200),
  department text not null references departments (slug) on update cascade,
  address text not null,
  zipcode text,
  municipio smallint references municipi (number),
  neighbourhood text,
  lat numeric(9, 6) check (lat between -90 and 90),
  long numeric(9, 6) check (long between -180 and 180),
  phone text,
  -- The switchboard extension that blind transfers (SIP REFER) dial: one office per extension.
  extension text unique check (extension ~ '^[0-9]{2,8}$'),
  services text[] not null default '{}',
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint offices_location_pair check ((lat is null) = (long is null))
);
create index offices_department on offices (department);
create index offices_municipio on offices (municipio);
create index offices_services on offices using gin (services);

-- Weekly hours: several ranges per day (lunch breaks). 24:00 is a valid closing time (end of day).
-- Overlaps are refused by the application (no btree_gist on every engine for an exclusion constraint).
create table office_hours (
  office_id uuid not null references offices (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7), -- ISO 8601: 1 Monday … 7 Sunday
  opens time not null,
  closes time not null,
  primary key (office_id, weekday, opens),
  constraint office_hours_order check (opens < closes)
);

-- A date whose hours differ from the weekly ones: closed all day, or open in the given ranges
-- (extended, reduced, strike service). An exception beats both the weekly hours and a holiday.
create table office_exceptions (
  office_id uuid not null references offices (id) on delete cascade,
  date date not null,
  closed boolean not null,
  -- [{"opens":"08:30","closes":"12:00"}, …]; empty exactly when closed.
  ranges jsonb not null default '[]',
  reason text not null check (reason in ('closure', 'extended', 'strike', 'maintenance', 'reduced')),
  note text,
  updated_at timestamptz not null default now(),
  primary key (office_id, date),
  constraint office_exceptions_ranges check (jsonb_typeof(ranges) = 'array' and closed = (jsonb_array_length(ranges) = 0))
);
-- "Upcoming exceptions" reads by date range across offices too.
create index office_exceptions_date on office_exceptions (date);

-- Public holidays as dated rules (milan-facts.md: rules change, model them as data): a fixed
-- calendar day or an offset from Easter Sunday, valid between two dates (inclusive).
create table holiday_rules (
  key text primary key check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  month smallint check (month between 1 and 12),
  day smallint check (day between 1 and 31),
  easter_offset smallint check (easter_offset between -100 and 100),
  valid_from date,
  valid_to date,
  scope text not null check (scope in ('national', 'city')),
  names jsonb not null check (jsonb_typeof(names) = 'object'),
  updated_at timestamptz not null default now(),
  constraint holiday_rules_kind check ((month is not null and day is not null and easter_offset is null)
                                    or (month is null and day is null and easter_offset is not null)),
  constraint holiday_rules_validity check (valid_from is null or valid_to is null or valid_from <= valid_to)
);
