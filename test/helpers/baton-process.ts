import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { batonBin, repoRoot } from './run-cli';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('timed out');
}

export async function makeDataDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o755);
  return dir;
}

export const processAdminPassword = 'process-admin-password';

/** `baton start` as a real process on an embedded PostgreSQL in `dataDir`, ready when this resolves. */
export async function startBatonProcess(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [batonBin, 'start', '--port', String(port)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: '',
      BATON_DATA_DIR: dataDir,
      BATON_ADMIN_PASSWORD: processAdminPassword,
      BATON_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`baton exited with ${child.exitCode}`);
    return fetch(`http://localhost:${port}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
  }, 60_000);
  return child;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
