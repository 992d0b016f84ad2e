-- Identity: staff accounts, sessions (bearer tokens), the audit log.
create table staff_users (
  id uuid primary key,
  username text not null unique,
  display_name text not null,
  email text,
  password_hash text,
  roles text[] not null default '{}',
  languages text[] not null default '{}',
  department text,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint staff_users_username_format check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$')
);

-- Failed logins per username, known or not, so that lock-out does not reveal which accounts exist.
create table login_throttle (
  username text primary key,
  failures integer not null default 0,
  locked_until timestamptz,
  last_failure_at timestamptz not null default now()
);

-- Only the SHA-256 of a token is stored: a leaked table gives no usable tokens.
create table staff_sessions (
  id uuid primary key,
  user_id uuid not null references staff_users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_seen_at timestamptz
);
create index staff_sessions_user on staff_sessions (user_id);
create index staff_sessions_expiry on staff_sessions (expires_at);

-- Who read or changed which personal record, when and why. Append-only by convention;
-- the retention job is the only deleter.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text not null,
  action text not null check (action in ('read', 'create', 'update', 'delete', 'export', 'erase', 'login', 'logout')),
  subject_kind text not null,
  subject_id text not null,
  reason text,
  request_id text,
  details jsonb not null default '{}'
);
create index audit_log_subject on audit_log (subject_kind, subject_id, at desc);
create index audit_log_actor on audit_log (actor_id, at desc);
