/**
 * The suite's duration per test file, from vitest's JSON report (`.ci/run` writes it to
 * test-results/vitest.json): a Markdown table, slowest first, for docs/TESTING.md and the CI log.
 * Files run in parallel, so the durations add up to more than the suite's wall time.
 *
 *   npx tsx scripts/test-durations.ts [test-results/vitest.json]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Report {
  startTime: number;
  testResults: Array<{ name: string; startTime: number; endTime: number; status: string; assertionResults: unknown[] }>;
}

const file = process.argv[2] ?? 'test-results/vitest.json';
const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
const rows = report.testResults
  .map((r) => ({ file: path.relative(process.cwd(), r.name), seconds: (r.endTime - r.startTime) / 1000, tests: r.assertionResults.length, status: r.status }))
  .sort((a, b) => b.seconds - a.seconds);
const wall = (Math.max(...report.testResults.map((r) => r.endTime)) - report.startTime) / 1000;
const total = rows.reduce((sum, r) => sum + r.seconds, 0);

console.log(`| test file | tests | seconds |\n|---|---|---|`);
for (const r of rows) console.log(`| \`${r.file}\`${r.status === 'passed' ? '' : ` (${r.status})`} | ${r.tests} | ${r.seconds.toFixed(1)} |`);
console.log(`\n${rows.length} files, ${rows.reduce((n, r) => n + r.tests, 0)} tests: ${total.toFixed(0)} s of file time in ${wall.toFixed(0)} s of wall time.`);
