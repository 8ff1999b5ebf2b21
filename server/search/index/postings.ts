/**
 * Posting lists of the search index (docs/SEARCH.md § The index): ascending document numbers, stored as
 * delta varints in a Binary (a docNo list of 30,000 numbers is ~40 kB instead of ~330 kB as a BSON array),
 * and the set operations a query needs.
 */

/** Encode ascending, distinct, positive integers as delta varints (7 bits a byte, high bit = more). */
export function encodePostings(sorted: readonly number[]): Uint8Array {
  const out = new Uint8Array(sorted.length * 5 + 8);
  let at = 0;
  let previous = 0;
  for (const n of sorted) {
    let delta = n - previous;
    if (!(delta > 0) || !Number.isSafeInteger(n)) throw new Error(`postings must be ascending and distinct (${previous} → ${n})`);
    previous = n;
    while (delta >= 0x80) {
      out[at++] = (delta % 0x80) | 0x80;
      delta = Math.floor(delta / 0x80);
    }
    out[at++] = delta;
  }
  return out.slice(0, at);
}

export function decodePostings(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let previous = 0;
  let value = 0;
  let scale = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    if (b & 0x80) scale *= 0x80;
    else {
      previous += value;
      out.push(previous);
      value = 0;
      scale = 1;
    }
  }
  return out;
}

/** Ascending union of ascending lists (duplicates dropped). */
export function unionSorted(lists: readonly (readonly number[])[]): number[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return [...nonEmpty[0]!];
  const all = nonEmpty.flat().sort((a, b) => a - b);
  const out: number[] = [];
  for (const n of all) if (out.length === 0 || out[out.length - 1] !== n) out.push(n);
  return out;
}

/** Ascending intersection of ascending lists; the shortest first, so the work is bounded by it. */
export function intersectSorted(lists: readonly (readonly number[])[]): number[] {
  if (lists.length === 0) return [];
  const ordered = [...lists].sort((a, b) => a.length - b.length);
  let current: number[] = [...ordered[0]!];
  for (const list of ordered.slice(1)) {
    if (current.length === 0) break;
    const next: number[] = [];
    let j = 0;
    for (const n of current) {
      // Gallop: the other list is usually much longer.
      let step = 1;
      while (j + step < list.length && list[j + step]! < n) step *= 2;
      let lo = j;
      let hi = Math.min(j + step, list.length - 1);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid]! < n) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
      if (j < list.length && list[j] === n) next.push(n);
    }
    current = next;
  }
  return current;
}
