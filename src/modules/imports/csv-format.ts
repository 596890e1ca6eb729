import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../core/context';

/**
 * Spreadsheet formula injection guard: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is prefixed with `'`, so Excel and LibreOffice show it instead of evaluating it.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const needsQuotes = /[",\r\n]|^\s|\s$/;

/** One CSV field (RFC 4180): text guarded and quoted when needed; numbers and booleans as they are. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = guardFormula(
    Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value),
  );
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (values: unknown[]) => `${values.map(csvField).join(',')}\r\n`;

/**
 * A CSV download streamed from a cursor: UTF-8 with a BOM (so Excel reads accents right), the
 * header, then rows fetched 2,000 at a time in one read-only snapshot. Memory stays flat at any size;
 * a client that goes away ends the query.
 */
export function cursorCsv<Row>(
  ctx: AppContext,
  input: { header: string[]; text: string; params: unknown[]; row: (row: Row) => unknown[] },
): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `\ufeff${csvLine(input.header)}`;
    const client = await ctx.pool.connect();
    let open = false;
    let broken: Error | undefined;
    try {
      await client.query('begin isolation level repeatable read read only');
      open = true;
      await client.query(`declare csv_export no scroll cursor for ${input.text}`, input.params);
      for (;;) {
        const { rows } = await client.query<Row & Record<string, unknown>>('fetch 2000 from csv_export');
        if (rows.length === 0) break;
        let chunk = '';
        for (const row of rows) chunk += csvLine(input.row(row));
        yield chunk;
      }
      await client.query('commit');
      open = false;
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      if (open && !broken) await client.query('rollback').catch(() => undefined);
      client.release(broken);
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

/** Sends a CSV stream as a download. */
export const sendCsv = (reply: FastifyReply, fileName: string, stream: Readable) =>
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\w.-]+/g, '_')}"`)
    .header('cache-control', 'no-store')
    .send(stream);
