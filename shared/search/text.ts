/**
 * The Japanese text layer of "search everywhere" (issue 20; design in docs/SEARCH.md): pure functions that
 * the index, the API and the client share.
 *
 * - textFold.ts — foldForSearch / foldWithMap: how search sees a text (NFKC, case, kana, long vowel, small
 *   kana, whitespace), with each folded character's span in the original.
 * - textTokens.ts — tokensOf / queryTokensOf / distinctTerms: CJK bigrams (and unigrams), words, exact
 *   issue numbers and # references, with positions.
 * - textQuery.ts — parseQuery, matches (the brute-force predicate the index is tested against) and
 *   highlightRanges.
 *
 * The older grams.ts (thread search, register) is separate and unchanged.
 */
export { charClass, foldForSearch, foldWithMap, type CharClass, type FoldedText } from './textFold';
export { distinctTerms, MAX_TERM_LENGTH, queryTokensOf, tokensOf, tokensOfFolded, type QueryToken, type Token } from './textTokens';
export {
  highlightRanges,
  matches,
  MAX_QUERY_LENGTH,
  MAX_QUERY_TERMS,
  occurrencesOf,
  parseQuery,
  type QueryTerm,
  type SearchQuery,
} from './textQuery';
