import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../core/errors';

/** Where offer files live. Local disk by default; any store with these three calls will do. */
export type AssetStorage = {
  /** Writes the stream under `key`; answers how many bytes were written. */
  put(key: string, content: Readable): Promise<{ bytes: number }>;
  /** The stored bytes, or undefined when there are none under `key`. */
  get(key: string): Promise<Readable | undefined>;
  delete(key: string): Promise<void>;
};

/** Keys are made by Baton (`<workspace>/<asset>`): anything else is refused rather than resolved. */
const keyPattern = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

function fileOf(root: string, key: string): string {
  if (!keyPattern.test(key)) throw new AppError('bad_request', 'Invalid storage key');
  return path.join(root, key);
}

/** Files under `root` (by default `<data dir>/assets`), one per asset, written then renamed into place. */
export function localDiskStorage(root: string): AssetStorage {
  return {
    async put(key, content) {
      const file = fileOf(root, key);
      await mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.partial`;
      try {
        await pipeline(content, createWriteStream(partial));
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      return { bytes: (await stat(file)).size };
    },
    async get(key) {
      const file = fileOf(root, key);
      try {
        await stat(file);
      } catch {
        return undefined;
      }
      return createReadStream(file);
    },
    async delete(key) {
      await rm(fileOf(root, key), { force: true });
    },
  };
}
