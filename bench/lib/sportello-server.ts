// Sportello itself for a benchmark, in its own process: the real app with its real plugins
// (access checks, rate limiting with a very high ceiling, metrics, logging at warn level).
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/platform/config';

const config = loadConfig({ ...process.env, PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000000', JOBS_ENABLED: 'false' });
const app = await buildApp(config);
const seed = process.env.BENCH_SEED;
if (seed) {
  const module = (await import(`../${seed}.ts`)) as { seed(server: typeof app): Promise<void> };
  await module.seed(app);
}
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`LISTENING ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
