/** Building filters the embedded engine can hand to its storage (docs/DATABASE.md, "Access patterns"). */
import type { QueryFilter } from 'mongoose';

/**
 * Conditions on distinct fields as one plain object: FerretDB pushes only top-level equalities down
 * to its storage (and its indexes), never those inside `$and`. Conditions on a field already taken,
 * and operators such as `$or`, go into `$and` beside them; the meaning is the same on every engine.
 */
export function allOf<T>(conditions: readonly QueryFilter<T>[]): QueryFilter<T> {
  const plain: Record<string, unknown> = {};
  const rest: QueryFilter<T>[] = [];
  for (const condition of conditions) {
    const entries = Object.entries(condition);
    if (entries.some(([key]) => key.startsWith('$') || key in plain)) rest.push(condition);
    else for (const [key, value] of entries) plain[key] = value;
  }
  return (rest.length ? { ...plain, $and: rest } : plain) as QueryFilter<T>;
}
