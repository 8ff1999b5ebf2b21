import { useState } from 'react';
import { useRegisterT } from '../useRegisterT';

/** The register table's optional columns (番号, 件名 and 状態 always show). */
export const OPTIONAL_COLUMNS = ['businessAreas', 'category', 'ministry', 'support', 'dueDate', 'leadTime', 'updatedAt'] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

const STORAGE_KEY = 'council.registerColumns';

/** The person's choice on this device (localStorage); every column until they choose, or if storage is blocked. */
function readColumns(): OptionalColumn[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(stored)) return OPTIONAL_COLUMNS.filter((c) => stored.includes(c));
  } catch {
    // Blocked or unreadable storage: the default.
  }
  return [...OPTIONAL_COLUMNS];
}

/** Which optional columns the register shows, and a way to show or hide one (kept per person on this device). */
export function useRegisterColumns(): { shown: ReadonlySet<OptionalColumn>; toggle: (column: OptionalColumn) => void } {
  const [columns, setColumns] = useState(readColumns);
  function toggle(column: OptionalColumn) {
    const next = OPTIONAL_COLUMNS.filter((c) => (c === column ? !columns.includes(c) : columns.includes(c)));
    setColumns(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Not remembered: the choice holds until the page is left.
    }
  }
  return { shown: new Set(columns), toggle };
}

const LABEL_KEYS = {
  businessAreas: 'register.fields.businessAreas',
  category: 'register.fields.category',
  ministry: 'register.fields.ministry',
  support: 'register.fields.supportShort',
  dueDate: 'register.fields.dueDate',
  leadTime: 'register.fields.leadTime',
  updatedAt: 'register.fields.updatedAt',
} as const satisfies Record<OptionalColumn, string>;

/** An optional column's heading. */
export function useColumnLabels(): (column: OptionalColumn) => string {
  const rt = useRegisterT();
  return (column) => rt(LABEL_KEYS[column]);
}
