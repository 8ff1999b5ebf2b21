/**
 * The secretariat's picture of a round, from the submitted areas of its reports: per business area,
 * the vendors and customer municipalities by phase, the migration timing, the 特定移行支援 counts by
 * reason and the tracks; and the council-wide totals. Pure, so the server computes it once per change
 * and the tests recompute it their own way from the raw rows.
 */
import { PHASES, SPECIAL_REASON_KEYS, TRACKS, type AreaEntry, type Phase, type SpecialReasonKey, type Track } from './rules';

/** One submitted area of one organisation's report. */
export interface SubmittedArea {
  organizationId: string;
  area: string;
  entry: AreaEntry;
}

export interface Timing {
  customers: number;
  migrated: number;
  byFyEnd: number;
  after: number;
}

export interface AreaFigures {
  /** Vendors that submitted this area. */
  vendors: number;
  phases: Record<Phase, { vendors: number; customers: number }>;
  timing: Timing;
  special: Record<SpecialReasonKey, number>;
  tracks: Record<Track, number>;
}

const zeroFigures = (): AreaFigures => ({
  vendors: 0,
  phases: Object.fromEntries(PHASES.map((p) => [p, { vendors: 0, customers: 0 }])) as AreaFigures['phases'],
  timing: { customers: 0, migrated: 0, byFyEnd: 0, after: 0 },
  special: Object.fromEntries(SPECIAL_REASON_KEYS.map((k) => [k, 0])) as AreaFigures['special'],
  tracks: Object.fromEntries(TRACKS.map((t) => [t, 0])) as AreaFigures['tracks'],
});

function add(f: AreaFigures, e: AreaEntry): void {
  f.vendors++;
  if (e.phase) {
    f.phases[e.phase].vendors++;
    f.phases[e.phase].customers += e.customers ?? 0;
  }
  f.timing.customers += e.customers ?? 0;
  f.timing.migrated += e.migrated ?? 0;
  f.timing.byFyEnd += e.plannedByFyEnd ?? 0;
  f.timing.after += e.plannedAfter ?? 0;
  for (const k of SPECIAL_REASON_KEYS) f.special[k] += e.special[k] ?? 0;
  if (e.track) f.tracks[e.track]++;
}

/** The figures of each of `areas` (in that order), and of all of them together. */
export function aggregateAreas(
  rows: readonly SubmittedArea[],
  areas: readonly string[],
): { byArea: Map<string, AreaFigures>; total: AreaFigures } {
  const byArea = new Map(areas.map((a) => [a, zeroFigures()]));
  const total = zeroFigures();
  const vendorsInTotal = new Set<string>();
  for (const row of rows) {
    const f = byArea.get(row.area);
    if (!f) continue;
    add(f, row.entry);
    add(total, row.entry);
    vendorsInTotal.add(row.organizationId);
  }
  // The total counts each vendor once, however many areas it reported (its phases count areas).
  total.vendors = vendorsInTotal.size;
  return { byArea, total };
}

/** `now − before`, field by field: the change since the previous round. */
export function figuresChange(now: AreaFigures, before: AreaFigures): AreaFigures {
  const d = zeroFigures();
  d.vendors = now.vendors - before.vendors;
  for (const p of PHASES) {
    d.phases[p].vendors = now.phases[p].vendors - before.phases[p].vendors;
    d.phases[p].customers = now.phases[p].customers - before.phases[p].customers;
  }
  for (const k of ['customers', 'migrated', 'byFyEnd', 'after'] as const) d.timing[k] = now.timing[k] - before.timing[k];
  for (const k of SPECIAL_REASON_KEYS) d.special[k] = now.special[k] - before.special[k];
  for (const t of TRACKS) d.tracks[t] = now.tracks[t] - before.tracks[t];
  return d;
}
