import fs from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect } from 'vitest';
import { useTestApp } from '../../../test/helpers/test-app';
import type { BatonApp } from '../../core/http/app';
import { type JobWorker, startJobWorker } from '../../core/jobs/worker';
import { importJobs } from './import-jobs';

/** The test app with a job worker running the import jobs (as the worker role does). */
export function useImportApp() {
  const testApp = useTestApp();
  let worker: JobWorker | undefined;
  beforeAll(async () => {
    const { ctx } = testApp();
    worker = await startJobWorker({ pool: ctx.pool, jobs: importJobs(ctx), concurrency: 4, logger: ctx.logger });
  });
  afterAll(async () => {
    await worker?.stop();
  });
  return testApp;
}

const boundary = 'baton-test-boundary';

/** A multipart body: fields first, then the file (from memory or streamed from disk). */
function multipart(fields: Record<string, string>, file: { name: string; content: Buffer | string }): Readable {
  async function* parts() {
    for (const [name, value] of Object.entries(fields)) {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    }
    yield Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    if (typeof file.content === 'string') {
      for await (const chunk of fs.createReadStream(file.content)) yield chunk as Buffer;
    } else yield file.content;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return Readable.from(parts());
}

export type ImportJson = {
  id: string;
  status: string;
  headers: string[];
  columns: { header: string; inferredType: string; samples: string[] }[];
  mapping: { columns: Record<string, unknown>[] };
  options: Record<string, unknown>;
  totalRows: number;
  blankRows: number;
  encoding: string;
  delimiter: string;
  sample: string[][];
  dryRun: Record<string, number> | null;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  error: string | null;
  progress: Record<string, number | string> | null;
};

/** Uploads a file (a Buffer, or a path to stream from disk) and answers the created import. */
export async function uploadFile(
  app: BatonApp,
  cookie: string,
  kind: string,
  file: { name: string; content: Buffer | string },
  fields: Record<string, string> = {},
): Promise<ImportJson> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: multipart({ kind, ...fields }, file),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function waitFor(
  app: BatonApp,
  cookie: string,
  id: string,
  statuses: string[],
  timeoutMs = 120_000,
): Promise<ImportJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await app.inject({ url: `/api/imports/${id}`, headers: { cookie } });
    const body = response.json() as ImportJson;
    if (statuses.includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${body.status} (${JSON.stringify(body.progress)})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Saves a mapping (the guessed one with changes), starts a phase and waits for its end. */
export async function runPhase(
  app: BatonApp,
  cookie: string,
  id: string,
  phase: 'dry-run' | 'run',
  timeoutMs?: number,
): Promise<ImportJson> {
  const response = await app.inject({ method: 'POST', url: `/api/imports/${id}/${phase}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(202);
  return waitFor(app, cookie, id, phase === 'run' ? ['done', 'failed'] : ['validated', 'failed'], timeoutMs);
}

export async function saveMapping(
  app: BatonApp,
  cookie: string,
  job: ImportJson,
  change: (columns: Record<string, unknown>[], headers: string[]) => void = () => undefined,
  options: Record<string, unknown> = {},
): Promise<ImportJson> {
  const columns = structuredClone(job.mapping.columns);
  change(columns, job.headers);
  const response = await app.inject({
    method: 'PUT',
    url: `/api/imports/${job.id}/mapping`,
    headers: { cookie },
    payload: { columns, options: { ...job.options, ...options } },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export type ErrorItem = {
  row: number;
  column: string | null;
  field: string | null;
  value: string | null;
  reason: string;
  code: string;
};

export async function errorsOf(app: BatonApp, cookie: string, id: string, phase = 'run'): Promise<ErrorItem[]> {
  const items: ErrorItem[] = [];
  let after = 0;
  for (;;) {
    const response = await app.inject({
      url: `/api/imports/${id}/errors?phase=${phase}&limit=1000&afterRow=${after}`,
      headers: { cookie },
    });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: ErrorItem[]; nextAfterRow: number | null };
    items.push(...page.items);
    if (page.nextAfterRow === null) return items;
    after = page.nextAfterRow;
  }
}
