/**
 * The benchmark harness (scripts/bench/, docs/PERFORMANCE.md) at `--smoke` size: every scenario
 * runs end to end against the real server and the bare baseline, so the harness never rots. The
 * figures are not judged against the targets here (this machine is shared and the sizes tiny),
 * only for sanity: everything sent arrived once, every socket was held, every ratio is a number.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Row {
  scenario: string;
  db: string;
  ratio: number | null;
  met: boolean;
  details: { rounds: Array<Record<string, Record<string, unknown>>> };
}
interface Report {
  machine: { cpus: number };
  versions: Record<string, string | null>;
  sizes: Record<string, number | number[]>;
  rows: Row[];
}

const outDir = mkdtempSync(path.join(os.tmpdir(), 'bench-smoke-'));
let report: Report;
let output = '';

beforeAll(async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/main.ts', '--smoke', `--out=${outDir}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code, output).toBe(0);
  const [file] = readdirSync(outDir).filter((f) => f.endsWith('.json'));
  report = JSON.parse(readFileSync(path.join(outDir, file!), 'utf8')) as Report;
}, 300_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const rowOf = (scenario: string, db = 'sqlite') => {
  const row = report.rows.find((r) => r.scenario === scenario && r.db === db);
  expect(row, `${scenario} on ${db}\n${output}`).toBeDefined();
  return row!;
};
type Num = Record<string, number>;

describe('bench harness, smoke size', () => {
  it('writes the machine, the versions and a table row per scenario', () => {
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.versions['socket.io']).toMatch(/^4\.8\./);
    expect(report.versions.ferretdb).toBe('v1.24.2');
    expect(
      report.rows
        .filter((r) => r.db === 'sqlite')
        .map((r) => r.scenario)
        .sort(),
    ).toEqual(['burst', 'ceiling', 'connections', 'growth', 'joinstorm', 'notifications', 'plenary', 'register', 'threadpage']);
    expect(output).toMatch(/\| scenario \| db \| figure \| baseline \| ratio \| target \| met \|/);
    // Resident memory of a few dozen sockets is within the noise (it may even shrink): its ratio is checked at full size only.
    for (const row of report.rows)
      if (!['ceiling', 'connections'].includes(row.scenario)) expect(row.ratio, row.scenario).toBeGreaterThan(0);
  });

  it('plenary: every post reaches every socket, app and bare, with positive latencies', () => {
    for (const side of ['app', 'bare']) {
      type Step = { posts: number; expected: number; received: number; ackFailures: number; latency: { p50: number; p99: number } };
      const step = (rowOf('plenary').details.rounds[0]![side] as unknown as { steps: Step[] }).steps[0]!;
      expect(step.expected).toBe((report.sizes.plenaryClients as number) * step.posts);
      expect(step.received, side).toBe(step.expected);
      expect(step.ackFailures).toBe(0);
      expect(step.latency.p99).toBeGreaterThan(0);
      expect(step.latency.p99).toBeGreaterThanOrEqual(step.latency.p50);
    }
  });

  it('ceiling: the rate steps up until p99 passes the limit, every step measured', () => {
    type Step = { rate: number; expected: number; received: number; deliveriesPerSec: number; latency: { p99: number } };
    const round = rowOf('ceiling').details.rounds[0]! as unknown as Record<'app' | 'bare', { steps: Step[] }> & Num;
    for (const side of ['app', 'bare'] as const) {
      const { steps } = round[side];
      expect(steps.length, side).toBeGreaterThan(0);
      steps.forEach((step, i) => {
        expect(step.rate).toBe((report.sizes.ceilingRates as number[])[i]);
        expect(step.received).toBeLessThanOrEqual(step.expected);
        expect(step.deliveriesPerSec).toBeGreaterThan(0);
        expect(step.latency.p99).toBeGreaterThan(0);
        // Only the last step may be over the limit: that is where the ramp stops.
        if (i < steps.length - 1) expect(step.latency.p99).toBeLessThanOrEqual(report.sizes.ceilingP99Ms as number);
      });
      const under = steps.filter((s) => s.latency.p99 <= (report.sizes.ceilingP99Ms as number) && s.received >= s.expected * 0.99);
      expect(round[`${side}Ceiling`]).toBe(Math.max(0, ...under.map((s) => s.deliveriesPerSec)));
    }
  });

  it('connections: every socket is held, and memory per socket is measured after a full collection', () => {
    for (const side of ['app', 'bare']) {
      const run = rowOf('connections').details.rounds[0]![side] as Num & { collected: boolean };
      expect(run.held, side).toBe(report.sizes.connections);
      expect(run.collected, side).toBe(true);
      expect(Number.isFinite(run.bytesPerSocket)).toBe(true);
      // What the sockets keep alive on the JS heap is measurable even at smoke size.
      expect(run.heapBytesPerSocket, side).toBeGreaterThan(1_000);
    }
  });

  it('join storm: all joined and present, presence coalesced', () => {
    const app = rowOf('joinstorm').details.rounds[0]!.app as Num;
    expect(app.joined).toBe(report.sizes.joinClients);
    expect(app.present).toBe((report.sizes.joinClients as number) + 1);
    expect(app.presenceBroadcasts).toBeGreaterThan(0);
    expect(app.maxPresenceBroadcastsPerSecond).toBeLessThanOrEqual(2);
  });

  it('discussion burst: every post acknowledged, none lost, none duplicated', () => {
    for (const side of ['app', 'bare']) {
      const run = rowOf('burst').details.rounds[0]![side] as Num & { ack: Num };
      expect(run.posts).toBeGreaterThan(0);
      expect(run.acked, side).toBe(run.posts);
      expect(run.lost, side).toBe(0);
      expect(run.duplicates, side).toBe(0);
      expect(run.strays, side).toBe(0);
      expect(run.ack.p99).toBeGreaterThan(0);
    }
  });

  it.each(['threadpage', 'register'])('%s: the app and the driver answered (paced, or alone when saturated)', (scenario) => {
    for (const row of report.rows.filter((r) => r.scenario === scenario)) {
      for (const side of ['app', 'driver']) {
        const run = row.details.rounds[0]![side] as { saturated: boolean; requests: number; statuses: Num; alone: Num; latency: Num };
        expect(run.alone.p50, `${side} ${row.db}`).toBeGreaterThan(0);
        if (!run.saturated) {
          expect(run.statuses[side === 'app' ? '200' : 'ok'], `${side} ${row.db} ${JSON.stringify(run.statuses)}`).toBe(run.requests);
          expect(run.latency.p99).toBeGreaterThan(0);
        }
      }
    }
  });

  it('notifications: every bell rang once on both sides, every inbox holds the announcement, the inbox answered at both sizes', () => {
    type Bell = { connected: number; received: number; duplicates: number; latency: Num };
    const row = rowOf('notifications');
    const round = row.details.rounds[0] as unknown as {
      app: { bell: Bell; publishStatus: number; stored: { stored: number }; verified: number };
      bare: { bell: Bell };
    };
    for (const side of ['app', 'bare'] as const) {
      const { bell } = round[side];
      expect(bell.connected, side).toBe(report.sizes.notifyClients);
      expect(bell.received, side).toBe(bell.connected);
      expect(bell.duplicates, side).toBe(0);
      expect(bell.latency.p99, side).toBeGreaterThan(0);
    }
    expect(round.app.publishStatus).toBe(200);
    expect(round.app.stored.stored).toBe(report.sizes.notifyPeople);
    expect(round.app.verified).toBe(report.sizes.notifyPeople);
    type Step = {
      stored: number;
      rounds: Array<{ app: { saturated: boolean; requests: number; statuses: Num; alone: Num } }>;
      tabs: Record<string, { errors: number }>;
    };
    const steps = (row.details as unknown as { inbox: Step[] }).inbox;
    expect(steps.map((s) => s.stored)).toEqual([report.sizes.inboxSmall, report.sizes.inboxLarge]);
    for (const step of steps) {
      const { app } = step.rounds[0]!;
      expect(app.alone.p50, `${step.stored}`).toBeGreaterThan(0);
      if (!app.saturated) expect(app.statuses['200'], JSON.stringify(app.statuses)).toBe(app.requests);
      expect(Object.keys(step.tabs).sort()).toEqual(['all', 'mentions', 'older', 'unread']);
      for (const [tab, f] of Object.entries(step.tabs)) expect(f.errors, `${tab} at ${step.stored}`).toBe(0);
    }
  });

  it('growth: every hot path answered at every size, without errors, and the growth ratios follow from the p50s', () => {
    for (const row of report.rows.filter((r) => r.scenario === 'growth')) {
      type Figures = { p50: number; p99: number; samples: number; errors: number };
      const result = row.details.rounds[0] as unknown as {
        steps: Array<{ size: { messages: number }; paths: Record<string, Figures> }>;
        growth: Record<string, number>;
      };
      expect(
        result.steps.map((s) => s.size.messages),
        row.db,
      ).toEqual(report.sizes.growthMessages);
      for (const step of result.steps) {
        expect(Object.keys(step.paths).sort()).toEqual([
          'issue',
          'me',
          'meeting',
          'orgs',
          'register',
          'send',
          'signin',
          'threadlatest',
          'threadpage',
          'threads',
          'threadup',
        ]);
        for (const [path, f] of Object.entries(step.paths)) {
          expect(f.errors, `${row.db} ${path} at ${step.size.messages}`).toBe(0);
          expect(f.samples).toBeGreaterThan(0);
          expect(f.p50).toBeGreaterThan(0);
          expect(f.p99).toBeGreaterThanOrEqual(f.p50);
        }
      }
      const [first, last] = [result.steps[0]!, result.steps[result.steps.length - 1]!];
      for (const [path, ratio] of Object.entries(result.growth))
        expect(ratio, path).toBeCloseTo(last.paths[path]!.p50 / first.paths[path]!.p50, 1);
      expect(row.ratio).toBe(Math.max(...Object.values(result.growth)));
    }
  });
});
