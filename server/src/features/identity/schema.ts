import { z } from 'zod';
import { roles } from './roles';

export const roleSchema = z.enum(roles as [string, ...string[]]);

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const staffUserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
  languages: z.array(z.string()),
  department: z.string().nullable(),
  disabled: z.boolean(),
});

export const loginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: staffUserView.extend({ permissions: z.array(z.string()) }),
});

export const meResponse = staffUserView.extend({ permissions: z.array(z.string()) });

const languageList = z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20);
const password = z.string().min(12, 'at least 12 characters').max(256);

export const createUserBody = z.object({
  username: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'lower-case letters, digits, dot, dash, underscore'),
  displayName: z.string().min(1).max(120),
  email: z.email().max(200).optional(),
  password,
  roles: z.array(roleSchema).min(1),
  languages: languageList.default([]),
  department: z.string().max(64).optional(),
});

export const changePasswordBody = z.object({ currentPassword: z.string().min(1).max(256), newPassword: password });

export const updateUserBody = z
  .object({
    displayName: z.string().min(1).max(120),
    email: z.email().max(200).nullable(),
    password,
    roles: z.array(roleSchema).min(1),
    languages: languageList,
    department: z.string().max(64).nullable(),
    disabled: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const userIdParams = z.object({ id: z.uuid() });

export const auditQuery = z.object({
  subjectKind: z.string().max(64).optional(),
  subjectId: z.string().max(200).optional(),
  actorId: z.uuid().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditEntryView = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.unknown(),
});
