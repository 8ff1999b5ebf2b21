/**
 * An area entry as rows of words, one per field, in the form's order: what the read-only report and
 * the side-by-side versions show (and compare: two entries differ in a row when its text differs).
 */
import { useMemo } from 'react';
import { SPECIAL_REASON_KEYS, type AreaEntry } from '@shared/statusReports/rules';
import { formatDate } from '@client/format/dates';
import { useStatusLabels } from '../labels';
import { useStatusT } from '../useStatusT';

export interface EntryRow {
  field: string;
  label: string;
  text: (entry: AreaEntry) => string;
}

export function useEntryRows(): EntryRow[] {
  const st = useStatusT();
  const labels = useStatusLabels();
  return useMemo(() => {
    const none = st('status.common.notEntered');
    const count = (n: number | null) => (n === null ? none : labels.count(n));
    const day = (d: string | null) => (d ? formatDate(d, labels.language) : none);
    const words = (s: string) => s.trim() || none;
    return [
      { field: 'phase', label: st('status.fields.phase'), text: (e) => (e.phase ? st(`status.phase.${e.phase}`) : none) },
      { field: 'specVersion', label: st('status.fields.specVersion'), text: (e) => words(e.specVersion) },
      { field: 'plannedAvailability', label: st('status.fields.plannedAvailability'), text: (e) => day(e.plannedAvailability) },
      { field: 'actualAvailability', label: st('status.fields.actualAvailability'), text: (e) => day(e.actualAvailability) },
      { field: 'customers', label: st('status.fields.customers'), text: (e) => count(e.customers) },
      { field: 'migrated', label: st('status.fields.migrated'), text: (e) => count(e.migrated) },
      { field: 'plannedByFyEnd', label: st('status.fields.plannedByFyEnd'), text: (e) => count(e.plannedByFyEnd) },
      { field: 'plannedAfter', label: st('status.fields.plannedAfter'), text: (e) => count(e.plannedAfter) },
      ...SPECIAL_REASON_KEYS.map((k) => ({
        field: `special.${k}`,
        label: `${st('status.report.specialShort')} ${labels.reasonShort(k)}`,
        text: (e: AreaEntry) => count(e.special[k]),
      })),
      { field: 'track', label: st('status.fields.track'), text: (e) => (e.track ? st(`status.track.${e.track}`) : none) },
      { field: 'explanation', label: st('status.fields.explanation'), text: (e) => words(e.explanation) },
      { field: 'risks', label: st('status.fields.risks'), text: (e) => words(e.risks) },
      {
        field: 'blockingIssues',
        label: st('status.fields.blockingIssues'),
        text: (e) => (e.blockingIssues.length ? e.blockingIssues.join(st('status.common.listJoiner')) : none),
      },
    ];
  }, [st, labels]);
}
