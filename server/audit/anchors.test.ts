/** Several nodes' anchor files are read as one list (docs/DEPLOY.md: one DATA_DIR shared by several nodes). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorFilePath, readAnchors } from './anchors';

const dir = mkdtempSync(path.join(tmpdir(), 'anchors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hash = (c: string) => c.repeat(64);

describe('audit anchors of several nodes', () => {
  it('each node writes a file of its own, and they are read together in the order of their numbers', async () => {
    expect(anchorFilePath(dir)).toBe(path.join(dir, 'audit-anchors'));
    expect(anchorFilePath(dir, 'app-1:3001')).toBe(path.join(dir, 'audit-anchors.app-1_3001'));
    writeFileSync(anchorFilePath(dir, 'a'), `2026-12-05T10:00:00.000Z 5 ${hash('a')}\n2026-12-05T10:00:10.000Z 9 ${hash('b')}\n`);
    writeFileSync(anchorFilePath(dir, 'b'), `2026-12-05T10:00:05.000Z 7 ${hash('c')}\n2026-12-05T10:00:06.000Z 8 ${hash('d')}`);
    writeFileSync(path.join(dir, 'unrelated'), 'not an anchor\n');
    const { anchors, problem } = await readAnchors(dir);
    expect(problem).toBeNull();
    // The last line of b has no newline yet (being appended): left for the next look.
    expect(anchors.map((a) => a.seq)).toEqual([5, 7, 9]);
  });

  it('names the file with a line that is not an anchor', async () => {
    writeFileSync(anchorFilePath(dir, 'c'), 'torn li\n');
    expect((await readAnchors(dir)).problem).toMatch(/line 1 of audit-anchors\.c is not an anchor/);
  });
});
