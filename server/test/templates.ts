import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TemplateKind = 'empty' | 'demo';

/** Where global-setup leaves the pre-migrated PGlite dumps and names the server templates. */
export const pgliteTemplatePath = (kind: TemplateKind) => join(tmpdir(), `sportello-test-${process.env.SPORTELLO_TEST_RUN ?? 'local'}-${kind}.tar.gz`);
export const serverTemplateName = (kind: TemplateKind) => `sportello_tpl_${process.env.SPORTELLO_TEST_RUN ?? 'local'}_${kind}`;

/** The same URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
