import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AppContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { listProperties } from '../properties';
import { ColumnStatsBuilder } from './column-stats';
import { CsvReader } from './csv-reader';
import { guessMapping, guessOptions } from './mapping';
import type { ImportKind } from './schema';

/** Largest file accepted (the multipart limit; rows stream into PostgreSQL, never held in memory). */
export const maxImportBytes = 1024 * 1024 * 1024;

export const importEncodings = ['utf-8', 'windows-1252', 'iso-8859-1', 'utf-16le', 'utf-16be'] as const;
export type ImportEncoding = (typeof importEncodings)[number];

const delimiters = [',', ';', '\t', '|'] as const;

/** Looks at the bytes while they are saved: size, binary content, whether they are valid UTF-8. */
class ByteInspector extends Transform {
  bytes = 0;
  validUtf8 = true;
  nulBytes = false;
  head = Buffer.alloc(0);
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.bytes += chunk.length;
    if (this.head.length < 4) this.head = Buffer.concat([this.head, chunk.subarray(0, 4)]);
    if (!this.nulBytes && chunk.includes(0)) this.nulBytes = true;
    if (this.validUtf8) {
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        this.validUtf8 = false;
      }
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    if (this.validUtf8) {
      try {
        this.decoder.decode();
      } catch {
        this.validUtf8 = false;
      }
    }
    callback();
  }
}

/** The encoding to read the file with: a BOM says it, else UTF-8 when every byte sequence is valid, else Windows-1252. */
function chooseEncoding(inspector: ByteInspector, requested: ImportEncoding | undefined): ImportEncoding {
  const head = inspector.head;
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (requested) return requested === 'iso-8859-1' ? 'windows-1252' : requested;
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new AppError(
      'unsupported_media_type',
      'This is a spreadsheet workbook (xlsx), not CSV: save it as CSV first',
    );
  }
  if (inspector.nulBytes) throw new AppError('unsupported_media_type', 'This is not a text file: upload a CSV file');
  return inspector.validUtf8 ? 'utf-8' : 'windows-1252';
}

/** The delimiter that splits the header line most (outside quotes): comma, semicolon, tab or pipe. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(delimiters.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const delimiter of delimiters) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

async function* decodeFile(file: string, encoding: ImportEncoding): AsyncGenerator<string> {
  // TextDecoder strips a leading BOM (utf-8 and utf-16); NUL characters cannot be stored and go.
  const decoder = new TextDecoder(encoding);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    if (text) yield text.includes('\0') ? text.replaceAll('\0', '') : text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

async function headText(file: string, encoding: ImportEncoding): Promise<string> {
  const handle = await fsp.open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return new TextDecoder(encoding).decode(buffer.subarray(0, bytesRead), { stream: true });
  } finally {
    await handle.close();
  }
}

function cleanHeaders(record: string[]): string[] {
  const seen = new Map<string, number>();
  return record.map((raw, index) => {
    let header = raw.trim().replace(/\s+/g, ' ').slice(0, 200) || `Column ${index + 1}`;
    const count = (seen.get(header.toLowerCase()) ?? 0) + 1;
    seen.set(header.toLowerCase(), count);
    if (count > 1) header = `${header} (${count})`;
    return header;
  });
}

const copyJson = (values: string[]) => {
  const json = JSON.stringify(values);
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
};

/**
 * Reads an uploaded CSV into `import_rows` and describes it. The upload is first saved to a
 * temporary file (checking its size and whether it is valid UTF-8), then decoded, parsed and
 * streamed into PostgreSQL with COPY — never whole in memory. Everything lands in one
 * transaction: a file that cannot be read leaves nothing behind.
 */
export async function uploadImport(
  ctx: AppContext,
  input: {
    workspaceId: string;
    createdBy: string | null;
    kind: ImportKind;
    fileName: string;
    file: Readable;
    encoding?: ImportEncoding;
  },
): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'baton-import-'));
  const file = path.join(dir, 'upload.csv');
  try {
    const inspector = new ByteInspector();
    await pipeline(input.file, inspector, fs.createWriteStream(file));
    if ((input.file as Readable & { truncated?: boolean }).truncated) {
      throw new AppError('payload_too_large', `The file is larger than ${maxImportBytes / 2 ** 20} MB`);
    }
    if (inspector.bytes === 0) throw new AppError('validation_failed', 'The file is empty');
    const encoding = chooseEncoding(inspector, input.encoding);
    const delimiter = detectDelimiter((await headText(file, encoding)).replace(/^\ufeff/, ''));
    const importId = newId();
    const client = await ctx.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const read = await copyRowsIn(client, {
        file,
        encoding,
        delimiter,
        workspaceId: input.workspaceId,
        importId,
      });
      const stats = read.stats.build();
      const options = guessOptions({ delimiter, dayFirst: read.stats.dayFirst, monthFirst: read.stats.monthFirst });
      const properties = await listProperties(ctx.db, input.workspaceId);
      const mapping = guessMapping(input.kind, stats, properties);
      const at = ctx.clock.now();
      await client.query(
        `insert into imports (workspace_id, id, kind, status, file_name, file_bytes, encoding, delimiter, headers, columns,
                              total_rows, blank_rows, mapping, options, created_by, created_at, updated_at)
         values ($1, $2, $3, 'uploaded', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
        [
          input.workspaceId,
          importId,
          input.kind,
          input.fileName.slice(0, 255) || 'upload.csv',
          inspector.bytes,
          encoding,
          delimiter,
          JSON.stringify(read.headers),
          JSON.stringify(stats),
          read.rows,
          read.blankRows,
          JSON.stringify(mapping),
          JSON.stringify(options),
          input.createdBy,
          at,
        ],
      );
      await client.query('commit');
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      // A failed COPY leaves the connection in an unknown state: discard it rather than reuse it.
      client.release(broken);
    }
    return importId;
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

async function copyRowsIn(
  client: pg.PoolClient,
  input: { file: string; encoding: ImportEncoding; delimiter: string; workspaceId: string; importId: string },
): Promise<{ headers: string[]; rows: number; blankRows: number; stats: ColumnStatsBuilder }> {
  const reader = new CsvReader(input.delimiter);
  const copy = client.query(copyFrom('copy import_rows (workspace_id, import_id, row_number, values) from stdin'));
  // Failures surface through `drain` and `finished`; this keeps one arriving after an abort from going unhandled.
  copy.on('error', () => undefined);
  const prefix = `${input.workspaceId}\t${input.importId}\t`;
  let headers: string[] | undefined;
  let stats: ColumnStatsBuilder | undefined;
  let rowNumber = 0;
  let rows = 0;
  let blankRows = 0;
  let buffer = '';
  const take = (record: string[]) => {
    // Row numbers as a spreadsheet shows them: every record counts, the header included.
    rowNumber += 1;
    if (!headers) {
      if (record.every((cell) => cell.trim() === '')) return;
      headers = cleanHeaders(record);
      if (headers.length > 1000) throw new AppError('validation_failed', 'The file has more than 1,000 columns');
      stats = new ColumnStatsBuilder(headers, input.delimiter === ';');
      return;
    }
    let blank = true;
    for (const cell of record) {
      if (cell !== '' && cell.trim() !== '') {
        blank = false;
        break;
      }
    }
    if (blank) {
      blankRows += 1;
      return;
    }
    let values = record;
    if (values.length > headers.length && values.slice(headers.length).every((cell) => cell.trim() === '')) {
      values = values.slice(0, headers.length);
    }
    stats!.add(values);
    rows += 1;
    buffer += `${prefix}${rowNumber}\t${copyJson(values)}\n`;
  };
  try {
    for await (const text of decodeFile(input.file, input.encoding)) {
      for (const record of reader.push(text)) take(record);
      if (buffer.length > 256 * 1024) {
        if (!copy.write(buffer)) await once(copy, 'drain');
        buffer = '';
      }
    }
    for (const record of reader.end()) take(record);
  } catch (error) {
    // Abort the COPY (CopyFail) and wait for the server's answer before the connection is let go.
    if (!copy.destroyed) {
      const closed = new Promise((resolve) => copy.once('close', resolve));
      copy.destroy(error as Error);
      await closed;
    }
    throw error;
  }
  if (buffer) copy.write(buffer);
  copy.end();
  await finished(copy);
  if (!headers) throw new AppError('validation_failed', 'The file is empty');
  if (rows === 0) throw new AppError('validation_failed', 'The file has a header but no rows');
  return { headers, rows, blankRows, stats: stats! };
}
