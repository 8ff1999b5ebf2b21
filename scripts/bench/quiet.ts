/** What the bench's scenarios share beyond the numbers: the shape of a row, and waiting for the server to go quiet. */

/** A scenario's row, less what main.ts names (scenario, title, database). */
export interface ScenarioRow {
  figure: string;
  baseline: string;
  ratio: number | null;
  target: string;
  met: boolean;
  details: Record<string, unknown>;
}

/**
 * Wait until the processes `read` counts (cumulative CPU ms each, null when unreadable) use less than `percent` of
 * one core over a `windowMs` window, at most `maxMs`. Resolves with the ms waited, null when still busy at the end.
 */
export async function untilQuiet(
  read: () => Record<string, number | null>,
  { windowMs, percent, maxMs }: { windowMs: number; percent: number; maxMs: number },
): Promise<number | null> {
  const began = Date.now();
  const used = () => Object.values(read()).reduce<number>((n, v) => n + (v ?? 0), 0);
  while (Date.now() - began < maxMs) {
    const before = used();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if (used() - before < (windowMs * percent) / 100) return Date.now() - began;
  }
  return null;
}
