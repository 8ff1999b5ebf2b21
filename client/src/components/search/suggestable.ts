/** Kanji, kana and the CJK punctuation between them: one such character is already a useful query. */
const CJK = /[\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]/u;

/**
 * The typed text worth asking suggestions for: trimmed, at least one CJK character or two of anything else
 * (one Latin letter matches too much to help). Empty when it is not worth asking yet.
 */
export function suggestableText(typed: string): string {
  const text = typed.trim();
  return CJK.test(text) || [...text].length >= 2 ? text : '';
}
