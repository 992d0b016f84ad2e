import type { AppContext } from '../../platform/context';
import { invalidateDirectory } from './directory-cache';

/**
 * Drops the in-memory schedules and holiday calendar when the directory changes: this node's own
 * writes drop it at once (office-editing.ts), these events cover the importer and other nodes.
 */
export function directoryListeners(ctx: AppContext): void {
  const drop = () => invalidateDirectory(ctx);
  ctx.events.on('office.created', drop);
  ctx.events.on('office.updated', drop);
  ctx.events.on('office.hours_changed', drop);
  ctx.events.on('holidays.changed', drop);
}
