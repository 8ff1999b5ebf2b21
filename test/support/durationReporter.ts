/**
 * A vitest reporter that writes each test file's duration — setup and teardown hooks included, as
 * the default reporter counts it — to test-results/durations.md, slowest first (`.ci/run` adds it;
 * docs/TESTING.md keeps the latest table). Files run in parallel, so the durations add up to more
 * than the run's wall time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class DurationReporter implements Reporter {
  private started = Date.now();

  onTestRunStart(): void {
    this.started = Date.now();
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const rows = testModules
      .map((m) => ({
        file: path.relative(process.cwd(), m.moduleId),
        tests: [...m.children.allTests()].length,
        seconds: m.diagnostic().duration / 1000,
        state: m.state(),
      }))
      .sort((a, b) => b.seconds - a.seconds);
    const wall = (Date.now() - this.started) / 1000;
    const lines = [
      '| test file | tests | seconds |',
      '|---|---|---|',
      ...rows.map((r) => `| \`${r.file}\`${r.state === 'passed' ? '' : ` (${r.state})`} | ${r.tests} | ${r.seconds.toFixed(1)} |`),
      '',
      `${rows.length} files, ${rows.reduce((n, r) => n + r.tests, 0)} tests: ${rows.reduce((s, r) => s + r.seconds, 0).toFixed(0)} s of file time in ${wall.toFixed(0)} s of wall time.`,
    ];
    mkdirSync('test-results', { recursive: true });
    writeFileSync(path.join('test-results', 'durations.md'), `${lines.join('\n')}\n`);
  }
}
