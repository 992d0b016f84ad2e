import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/platform/paths';
import { testEngine } from './test-app';
import { withDatabase } from './templates';

// The README's first command, for real: the server process starts on an empty database, loads the
// demo city, answers, shuts down cleanly on SIGTERM, and starts again on the data it left.
const dataDir = mkdtempSync(join(tmpdir(), 'sportello-start-'));
let databaseUrl: string | undefined;
let databaseName: string | undefined;

async function startServer(): Promise<{ child: ChildProcess; address: string; logs: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SPORTELLO_DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development', DATABASE_URL: databaseUrl ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 'ready' line in time:\n${logs.join('')}`)), 90_000);
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        const entry = JSON.parse(line) as { msg?: string; address?: string };
        if (entry.msg === 'ready') {
          clearTimeout(timer);
          resolve(entry.address!);
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${logs.join('\n')}`)));
  });
  return { child, address, logs };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (databaseName) {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${databaseName} with (force)`);
    await admin.end();
  }
});

describe('npm start on an empty database', () => {
  it('loads the demo city, serves, stops on SIGTERM and starts again on its own data', { timeout: 240_000 }, async () => {
    if (testEngine() === 'postgres') {
      databaseName = `sportello_start_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create database ${databaseName}`);
      await admin.end();
      databaseUrl = withDatabase(process.env.TEST_DATABASE_URL!, databaseName);
    }
    const first = await startServer();
    expect((await fetch(`${first.address}/readyz`)).status).toBe(200);
    const login = await fetch(`${first.address}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'sportello-demo' }),
    });
    expect(login.status).toBe(200);
    expect(first.logs.join('\n')).toContain('demo city loaded');
    expect(first.logs.join('\n')).not.toContain('sportello-demo');
    expect(await stop(first.child)).toBe(0);

    const second = await startServer();
    expect((await fetch(`${second.address}/readyz`)).status).toBe(200);
    expect(second.logs.join('\n')).not.toContain('demo city loaded');
    const offices = await fetch(`${second.address}/api/v1/offices`);
    expect(offices.status).toBe(200);
    expect(((await offices.json()) as { slug: string }[])[0]!.slug).toBe('anagrafe-centrale');
    expect(await stop(second.child)).toBe(0);
  });
});
