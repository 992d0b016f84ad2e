import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions, type Permission } from '../src/platform/http/access';
import { rolePermissionsForTests } from './role-permissions';
import { createTestApp, signIn, type TestApp } from './test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
});
afterAll(() => t.close());

// A concrete URL for a route pattern: any value for each parameter; access is checked before
// the parameters are even parsed, so the answer must be 401/403 whatever they are.
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x1').replace(/\*$/, 'x');

describe('every route declares who may call it', () => {
  it('has routes, and each has an access declaration', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(10);
    for (const route of t.app.routeTable) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  it('refuses to register a route without an access declaration', async () => {
    const other = await createTestApp();
    try {
      expect(() => other.app.get('/api/v1/unguarded', async () => ({}))).toThrow(/declares no access/);
    } finally {
      await other.close();
    }
  });

  it('answers 401 problem+json on every staff route without a token', async () => {
    const staffRoutes = t.app.routeTable.filter((r) => 'permission' in r.access);
    expect(staffRoutes.length).toBeGreaterThan(5);
    for (const route of staffRoutes) {
      const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), payload: route.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 403 on every staff route to a signed-in role that lacks its permission', async () => {
    const tokens = new Map<string, { authorization: string }>();
    for (const username of ['agent', 'backoffice.anagrafe', 'care', 'editor', 'supervisor']) tokens.set(username, await signIn(t.app, username));
    let checked = 0;
    for (const route of t.app.routeTable) {
      if (!('permission' in route.access)) continue;
      const permission: Permission = route.access.permission;
      const lacking = [...tokens.keys()].find((u) => !rolePermissionsForTests(u).has(permission));
      if (!lacking) continue; // every demo role holds it (e.g. staff.session)
      const res = await t.app.inject({ method: route.method as 'GET', url: concrete(route.url), headers: tokens.get(lacking)!, payload: route.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${route.method} ${route.url} as ${lacking}`).toBe(403);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('names only known permissions', () => {
    for (const route of t.app.routeTable) {
      if ('permission' in route.access) expect(permissions).toContain(route.access.permission);
    }
  });
});
