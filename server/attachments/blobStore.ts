/**
 * File storage for uploads behind a small interface, so a shared store (S3-compatible object
 * storage, a network volume) can replace the local folder when several app nodes run.
 *
 * Each upload holds its content under a name of its own; identical content is kept once. Locally the
 * upload's name is a hard link to the content-addressed file, so the file system counts who holds
 * the content: removing one upload can never take the content from another, even one storing the
 * same bytes at that very moment (issue 16: the sweeper removed content a new upload had just found
 * and reused, between its lookup and its record).
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open as openFile, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** An upload spooled to a temporary file, hashed on the way in. */
export interface Received {
  /** The temporary file, for checking its content before it is kept. */
  path: string;
  sha256: string;
  size: number;
  /** Remove the temporary file (a no-op once kept). */
  discard(): Promise<void>;
}

export interface BlobStore {
  /** Write `chunks` to a temporary file; memory stays one chunk whatever the size. */
  receive(chunks: AsyncIterable<Buffer>): Promise<Received>;
  /** Keep received content as upload `id`'s. */
  keep(received: Received, id: string): Promise<void>;
  /** The content of upload `id`. */
  open(id: string, sha256: string): Promise<Readable>;
  /** Upload `id` is gone: remove its name for its content. */
  release(id: string): Promise<void>;
  /**
   * Remove content `sha256` unless an upload still has a name for it. Only for content no upload
   * stored before uploads had names of their own refers to: those hold it by its hash alone.
   */
  drop(sha256: string): Promise<void>;
  /** Remove temporary files older than `before` (left by a process that died mid-upload). */
  removeStale(before: Date): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;
const isMissing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Content under `root/ab/cd/<sha256>`, each upload's link to it under `root/uploads/<xy>/<id>`
 * (`xy`: the id's last two characters, which vary the most), incoming files in `root/tmp`.
 */
export function createFileBlobStore(root: string): BlobStore {
  const contentPath = (sha256: string) => {
    if (!SHA256.test(sha256)) throw new Error('not a sha256');
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const uploadPath = (id: string) => {
    if (!OBJECT_ID.test(id)) throw new Error('not an upload id');
    return path.join(root, 'uploads', id.slice(-2), id);
  };
  const temporary = path.join(root, 'tmp');

  return {
    async receive(chunks) {
      await mkdir(temporary, { recursive: true });
      const file = path.join(temporary, `${randomBytes(12).toString('hex')}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const handle = await openFile(file, 'wx');
      try {
        // One chunk at a time: the next is read only once this one is on the disk.
        for await (const chunk of chunks) {
          hash.update(chunk);
          size += chunk.length;
          await handle.write(chunk);
        }
      } catch (err) {
        await handle.close();
        await rm(file, { force: true });
        throw err;
      }
      await handle.close();
      return { path: file, sha256: hash.digest('hex'), size, discard: () => rm(file, { force: true }) };
    },

    async keep(received, id) {
      const own = uploadPath(id);
      const content = contentPath(received.sha256);
      await mkdir(path.dirname(own), { recursive: true });
      try {
        // The same content is already stored: link to it. Once linked, removing the content's own
        // name (the sweeper) leaves the data in place for this upload.
        return await link(content, own);
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
      // New content (or content removed just now): this upload's copy, then published under its hash.
      await link(received.path, own);
      await mkdir(path.dirname(content), { recursive: true });
      await rename(received.path, content);
    },

    async open(id, sha256) {
      // Uploads stored before they had names of their own (issue 16) are found by their content's.
      const handle = await openFile(uploadPath(id)).catch((err: unknown) => {
        if (isMissing(err)) return openFile(contentPath(sha256));
        throw err;
      });
      return handle.createReadStream();
    },

    release: (id) => rm(uploadPath(id), { force: true }),

    async drop(sha256) {
      const content = contentPath(sha256);
      try {
        // No upload links to it. A new upload linking at this instant keeps the data under its own
        // name; only the shared name goes, and the next upload of these bytes stores them again.
        if ((await stat(content)).nlink === 1) await rm(content, { force: true });
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    },

    async removeStale(before) {
      const names = await readdir(temporary).catch((err: unknown) => (isMissing(err) ? [] : Promise.reject(err)));
      for (const name of names) {
        const file = path.join(temporary, name);
        const modified = await stat(file).then(
          (s) => s.mtime,
          () => null,
        );
        if (modified && modified < before) await rm(file, { force: true });
      }
    },
  };
}
