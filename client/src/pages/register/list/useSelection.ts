import { useState } from 'react';

export interface Selection {
  ids: ReadonlySet<string>;
  has(id: string): boolean;
  toggle(id: string, on: boolean): void;
  /** Select (or clear) every one of `ids` (the page's issues). */
  setAll(ids: readonly string[], on: boolean): void;
  clear(): void;
}

/** The issues the secretariat has ticked for a bulk action; it starts empty again whenever `scope` (the filter and page) changes. */
export function useSelection(scope: string): Selection {
  const [state, setState] = useState<{ scope: string; ids: ReadonlySet<string> }>({ scope, ids: new Set() });
  const ids = state.scope === scope ? state.ids : new Set<string>();
  const set = (next: ReadonlySet<string>) => setState({ scope, ids: next });
  return {
    ids,
    has: (id) => ids.has(id),
    toggle(id, on) {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      set(next);
    },
    setAll(all, on) {
      set(on ? new Set([...ids, ...all]) : new Set([...ids].filter((id) => !all.includes(id))));
    },
    clear: () => set(new Set()),
  };
}
