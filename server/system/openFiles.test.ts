import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LOW_OPEN_FILES, lowOpenFilesWarning, openFilesLimit, openFilesLimitIn } from './openFiles';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            20000                20000                files
Max locked memory         8388608              8388608              bytes
`;

describe('the open-files limit', () => {
  it("is read from /proc's limits: the soft limit, null when unlimited or absent", () => {
    expect(openFilesLimitIn(LIMITS)).toBe(20_000);
    expect(openFilesLimitIn(LIMITS.replace('20000                20000', '1024                 524288'))).toBe(1_024);
    expect(openFilesLimitIn(LIMITS.replace('20000                20000', 'unlimited            unlimited'))).toBeNull();
    expect(openFilesLimitIn('Max processes 10 10 processes\n')).toBeNull();
  });

  it("is this process's, as a shell it starts sees it", () => {
    if (process.platform !== 'linux') return;
    const shell = Number(execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim());
    expect(openFilesLimit()).toBe(shell);
  });

  it('makes a node say at boot how few people it can hold, only when low', () => {
    expect(lowOpenFilesWarning(1_024)).toMatch(/limited to 1024 .*LimitNOFILE/);
    expect(lowOpenFilesWarning(LOW_OPEN_FILES - 1)).not.toBeNull();
    expect(lowOpenFilesWarning(LOW_OPEN_FILES)).toBeNull();
    expect(lowOpenFilesWarning(null)).toBeNull();
  });
});
