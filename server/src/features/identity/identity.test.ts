import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true, env: { LOGIN_MAX_FAILURES: '3' } });
});
afterAll(() => t.close());

describe('staff sign-in', () => {
  it('signs in a demo account and returns its roles and a working token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'agent', password: 'sportello-demo' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.roles).toEqual(['agent']);
    expect(body.user.languages).toEqual(['it', 'en']);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${body.token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('agent');
  });

  it('answers 401 problem+json for a wrong password and for an unknown user alike', async () => {
    for (const username of ['supervisor', 'nobody.here']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'wrong-password' } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('auth.invalid_credentials');
    }
  });

  it('locks a name after repeated failures, even with the right password then', async () => {
    const attempt = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'care', password } });
    expect((await attempt('bad-1')).statusCode).toBe(401);
    expect((await attempt('bad-2')).statusCode).toBe(401);
    expect((await attempt('bad-3')).json().code).toBe('auth.too_many_attempts');
    const locked = await attempt('sportello-demo');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().retryAfterSeconds).toBeGreaterThan(0);
  });

  it('revokes the token on logout', async () => {
    const auth = await signIn(t.app, 'editor');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth })).statusCode).toBe(204);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth });
    expect(me.statusCode).toBe(401);
    expect(me.headers['www-authenticate']).toBe('Bearer');
  });

  it('rejects forged, expired-format and missing tokens with 401', async () => {
    for (const authorization of ['Bearer abc', `Bearer ${'x'.repeat(43)}`, 'Basic YWRtaW46YWRtaW4=']) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } })).statusCode).toBe(401);
    }
  });
});

describe('staff accounts and roles', () => {
  it('lets an admin create an account, and the new account signs in with its role', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'nuovo.agente', displayName: 'Nuovo Agente', password: 'a-long-password-123', roles: ['agent'], languages: ['it', 'es'] },
    });
    expect(res.statusCode).toBe(201);
    const auth = await signIn(t.app, 'nuovo.agente', 'a-long-password-123');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: auth })).statusCode).toBe(403);
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'nuovo.agente', displayName: 'X', password: 'a-long-password-123', roles: ['agent'] },
    });
    expect(dup.statusCode).toBe(409);
  });

  it('ends every session of an account that is disabled', async () => {
    const admin = await signIn(t.app, 'admin');
    const auth = await signIn(t.app, 'agent.zh');
    const users = (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })).json() as { id: string; username: string }[];
    const id = users.find((u) => u.username === 'agent.zh')!.id;
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: admin, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'agent.zh', password: 'sportello-demo' } });
    expect(again.statusCode).toBe(401);
  });

  it('rejects a weak password and an unknown role with 422 and field errors', async () => {
    const admin = await signIn(t.app, 'admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { username: 'x.y', displayName: 'X', password: 'short', roles: ['wizard'] },
    });
    expect(res.statusCode).toBe(422);
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.password', 'body.roles.0']));
  });

  it('writes sign-ins and account changes to the audit log, readable by supervisors only', async () => {
    const supervisor = await signIn(t.app, 'supervisor');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit?subjectKind=staff_user', headers: supervisor });
    expect(res.statusCode).toBe(200);
    const actions = new Set((res.json() as { action: string }[]).map((e) => e.action));
    expect(actions).toEqual(new Set(['login', 'logout', 'create', 'update']));
    const agent = await signIn(t.app, 'agent');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: agent })).statusCode).toBe(403);
  });
});

describe('own password change', () => {
  it('needs the current password, ends every session, and the new password works', async () => {
    const auth = await signIn(t.app, 'backoffice.anagrafe');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: auth, payload: { currentPassword: 'nope', newPassword: 'a-brand-new-password' } });
    expect(wrong.statusCode).toBe(401);
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: auth, payload: { currentPassword: 'sportello-demo', newPassword: 'short' } });
    expect(weak.statusCode).toBe(422);
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: auth, payload: { currentPassword: 'sportello-demo', newPassword: 'a-brand-new-password' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: auth })).statusCode).toBe(401);
    await signIn(t.app, 'backoffice.anagrafe', 'a-brand-new-password');
  });
});
