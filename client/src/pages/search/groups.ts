import { SEARCH_GROUPS, type SearchKind, type SearchResult } from '@shared/schemas/search';
import type { SearchMessages } from '@client/i18n/search.ja';

/** A group of the results page (its label is `search.groups.<group>`). */
export type SearchGroup = keyof SearchMessages['groups'];

/** The results in SEARCH_GROUPS' order, each group in the order the server gave; empty groups left out. */
export function groupResults(results: readonly SearchResult[]): { group: SearchGroup; results: SearchResult[] }[] {
  const groupOf = (kind: SearchKind) => SEARCH_GROUPS.find((g) => g.kinds.includes(kind))?.group ?? kind;
  return SEARCH_GROUPS.map(({ group }) => ({
    group: group as SearchGroup,
    results: results.filter((result) => groupOf(result.kind) === group),
  })).filter((g) => g.results.length > 0);
}
