// SCAFFOLD (being replaced by the knowledge feature).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import type { Emit } from '../../platform/events/unit-of-work';
import type { ImportReport } from '../../platform/import-report';
export function knowledgeRoutes(_ctx: AppContext): FastifyPluginAsyncZod { return async () => {}; }
export function knowledgeListeners(_ctx: AppContext): void {}
export async function importKnowledge(_tx: Db, _emit: Emit, _dir: string): Promise<ImportReport> { return { counts: {}, rejected: [] }; }
