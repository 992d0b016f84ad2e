/**
 * Who may call what. Every route declares `config.access`; the app refuses to start when one does
 * not (see app.ts), and access.test.ts walks every route. Roles map to permissions in
 * features/identity/roles.ts; handlers check nothing themselves beyond reading `request.principal`.
 */
export const permissions = [
  'staff.session', // any signed-in staff member: their own profile, logout
  'users.manage',
  'audit.read',
  'directory.edit',
  'knowledge.edit',
  'knowledge.read_drafts',
  'imports.run',
  'citizens.read',
  'citizens.write',
  'citizens.privacy', // export and erasure of everything held about a citizen (GDPR arts. 15, 17)
  'contacts.handle',
  'cases.work',
  'open311.manage', // register apps and issue their Open311 API keys
  'care.handle',
  'routing.supervise',
  'insights.read',
  'mobility.edit', // the rules of the traffic schemes (Ecopass, Area C, Area B)
  'mobility.area_c', // residents' Area C permits (fiscal codes, audited) and gate entries
] as const;

export type Permission = (typeof permissions)[number];

export type RouteAccess =
  /** Anyone, with the public rate limit unless `rateLimit` is false (health checks, metrics). */
  | { public: true; rateLimit?: boolean }
  | { permission: Permission };

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  roles: readonly string[];
  languages: readonly string[];
  permissions: ReadonlySet<Permission>;
  sessionId: string;
}

/** Resolves a bearer token to a signed-in staff member, or null (unknown, expired, revoked). */
export type Authenticator = (token: string) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
