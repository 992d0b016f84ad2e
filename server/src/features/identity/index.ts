/** Identity: staff accounts, roles and permissions, sessions, the audit log. */
export { identityRoutes } from './routes';
export { identityJobs } from './jobs';
export { authenticate, login, logout } from './sessions';
export { createStaffUser, listStaffUsers, updateStaffUser } from './users';
export { recordAudit, listAudit, type AuditActor, type AuditEntry, type AuditAction } from './audit';
export { roles, permissionsOf, type Role } from './roles';
export { hashPassword } from './passwords';
export { staffUsers as staffUsersTable } from './tables';
