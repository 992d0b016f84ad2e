import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { listAudit } from './audit';
import { permissionsOf, type Role } from './roles';
import { auditEntryView, auditQuery, changePasswordBody, createUserBody, loginBody, loginResponse, meResponse, staffUserView, updateUserBody, userIdParams } from './schema';
import { login, logout } from './sessions';
import { changeOwnPassword, createStaffUser, getStaffUser, listStaffUsers, updateStaffUser } from './users';

const tags = ['identity'];

export function identityRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        // Stricter than the public limit: password guessing from one address.
        config: { access: { public: true }, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: { tags, summary: 'Staff sign-in with username and password', body: loginBody, response: { 200: loginResponse } },
      },
      async (request) => {
        const result = await login(ctx, request.body, request.id);
        return {
          token: result.token,
          expiresAt: result.expiresAt.toISOString(),
          user: { ...result.user, permissions: [...permissionsOf(result.user.roles)] },
        };
      },
    );

    app.get(
      '/api/v1/auth/me',
      { config: { access: { permission: 'staff.session' } }, schema: { tags, summary: 'The signed-in staff member', response: { 200: meResponse } } },
      async (request) => {
        const user = await getStaffUser(ctx, request.principal!.userId);
        return { ...user, permissions: [...request.principal!.permissions] };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { config: { access: { permission: 'staff.session' } }, schema: { tags, summary: 'Revoke the current token' } },
      async (request, reply) => {
        await logout(ctx, request.principal!, request.id);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/v1/auth/password',
      {
        config: { access: { permission: 'staff.session' } },
        schema: { tags, summary: 'Change your own password (ends every session)', body: changePasswordBody },
      },
      async (request, reply) => {
        await changeOwnPassword(ctx, request.principal!, request.body.currentPassword, request.body.newPassword, request.id);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/users',
      { config: { access: { permission: 'users.manage' } }, schema: { tags, summary: 'Staff accounts', response: { 200: z.array(staffUserView) } } },
      async () => listStaffUsers(ctx),
    );

    app.post(
      '/api/v1/users',
      { config: { access: { permission: 'users.manage' } }, schema: { tags, summary: 'Create a staff account', body: createUserBody, response: { 201: staffUserView } } },
      async (request, reply) => {
        const body = request.body;
        const user = await createStaffUser(ctx, { ...body, roles: body.roles as Role[] }, request.principal, request.id);
        return reply.code(201).send(user);
      },
    );

    app.patch(
      '/api/v1/users/:id',
      {
        config: { access: { permission: 'users.manage' } },
        schema: { tags, summary: 'Change, disable or reset a staff account', params: userIdParams, body: updateUserBody, response: { 200: staffUserView } },
      },
      async (request) => {
        const body = request.body;
        return updateStaffUser(ctx, request.params.id, { ...body, roles: body.roles as Role[] | undefined }, request.principal!, request.id);
      },
    );

    app.get(
      '/api/v1/audit',
      { config: { access: { permission: 'audit.read' } }, schema: { tags, summary: 'The audit log, newest first', querystring: auditQuery, response: { 200: z.array(auditEntryView) } } },
      async (request) => {
        const rows = await listAudit(ctx.db, request.query);
        return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
      },
    );
  };
}
