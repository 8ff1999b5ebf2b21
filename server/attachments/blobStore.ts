/**
 * Content-addressed file storage behind a small interface, so a shared store (S3-compatible object
 * storage, a network volume) can replace the local folder when several app nodes run.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface BlobStore {
  /** Store `data`; returns its SHA-256 (hex). Storing the same bytes twice keeps one copy. */
  put(data: Buffer): Promise<string>;
  open(sha256: string): Readable;
  has(sha256: string): Promise<boolean>;
  /** Remove the content (when no attachment refers to it any more). */
  remove(sha256: string): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Files under `root/ab/cd/<sha256>`, written to a temporary name and renamed, so a reader never sees half a file. */
export function createFileBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error('not a sha256');
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const has = async (sha256: string) => {
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  };
  return {
    has,
    async put(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      if (await has(sha256)) return sha256;
      const target = pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomBytes(6).toString('hex')}.part`;
      try {
        await writeFile(temporary, data, { flag: 'wx' });
        await rename(temporary, target);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
      return sha256;
    },
    open: (sha256) => createReadStream(pathOf(sha256)),
    remove: (sha256) => rm(pathOf(sha256), { force: true }),
  };
}
