/** What search reads of an issue: grams to narrow with an index, and the normalised text to confirm. */
import { gramsOf, normalizeForSearch } from '@shared/search/grams';

export function searchFields(title: string, description: string, number: string) {
  const text = `${number}\n${title}\n${description}`;
  return { grams: gramsOf(text), searchText: normalizeForSearch(text) };
}
