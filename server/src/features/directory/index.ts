// SCAFFOLD (being replaced by the directory feature).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport } from '../../platform/import-report';
export function directoryRoutes(_ctx: AppContext): FastifyPluginAsyncZod { return async () => {}; }
export function directoryListeners(_ctx: AppContext): void {}
export async function importDirectory(_tx: Db, _emit: Emit, _dir: string): Promise<ImportReport> { return { counts: {}, rejected: [] }; }
