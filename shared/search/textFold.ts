/**
 * How search sees a text (issue 20; docs/SEARCH.md): one folding, used alike for what is indexed, for
 * queries and for the brute-force check, so that whatever a member types finds the text however it was keyed.
 *
 * The text is cut into segments (a character with the combining marks that follow it, and a half-width
 * voiced mark ﾞﾟ after a kana), and each segment is folded on its own, so every folded character
 * knows the span of the original it came from (a snippet highlights the original, as findMatches in grams.ts
 * does). Per segment, in order:
 *
 * 1. NFKC: full-width ＡＢＣ/１２３ → ABC/123, half-width ｷﾞｮｳｾｲ → ギョウセイ (ｶﾞ → ガ with its voiced mark),
 *    ㍿ → 株式会社, ﬁ → fi, ① → 1, the ideographic space → a space. Where NFKC would put a space inside
 *    (¨ → " ̈", the spacing voiced mark ゛), the character is kept as typed instead: so か゛ stays two
 *    characters (joining it would make folding depend on what the previous segment folded to).
 * 2. Case folding: upper-case then lower-case (JavaScript has no case-fold function; this also folds ß → ss
 *    and a final ς → σ, as Unicode full case folding does).
 * 3. Katakana → hiragana (ァ..ヶ, one fixed offset), so 「ギョウセイ」, 「ぎょうせい」 and 「ｷﾞｮｳｾｲ」 fold alike.
 *    ヷヸヹヺ have no hiragana and stay.
 * 4. Small kana → large: ぁぃぅぇぉっゃゅょゎ → あいうえおつやゆよわ (and their katakana, after step 3), and
 *    ヵヶ (ゕゖ) → か. Why: the council's legacy data is full of kana written without small letters —
 *    mainframe half-width kana, bank (Zengin) account names, pre-1988 statutes (ｷﾔﾉﾝ, フイルム) — and
 *    「1ヶ月」「1ヵ月」「1カ月」「1か月」 are all in use. The cost is that a query typed in kana meets its
 *    large-kana twin (びょういん also finds びよういん); in a text written in kanji that is rare, and a kana
 *    query long enough to be useful seldom collides. The voicing of 霞ヶ関 (が) is lost: it folds to 霞か関.
 * 5. Characters that are invisible by definition (Default_Ignorable_Code_Point: zero-width space, soft
 *    hyphen, BOM, variation selectors such as the IVS on a kanji in a name) are dropped.
 * 6. Whitespace (and control characters) — every run becomes one space; leading and trailing ones go.
 *
 * Then one rule that looks at the previous folded character, the long-vowel mark:
 * 7. ー is kept (サーバー and サーバ stay different characters; dropping ー would make ビール find ビル), but
 *    what people key in its place is folded to it: ｰ (by NFKC), and a hyphen or minus (- ‐ ‑ ‒ – − and
 *    full-width －) directly after a kana, so 「サーバ－」 finds 「サーバー」. After anything else the same
 *    characters, and ー itself, fold to an ASCII hyphen: 「２０２６ー００１２」 typed with a Japanese IME is the
 *    issue number 2026-0012, and a ー at the start of a query word is a minus (an exclusion).
 *    A separate, query-only tolerance for a word-final ー (サーバー finds サーバ) is in textQuery.ts.
 *
 * Iteration marks (々 ゝ ゞ ヽ ヾ) are left alone: expanding them would need the reading.
 */

/** A folded text with, for each of its UTF-16 code units, the [start, end) of the original segment it came from. */
export interface FoldedText {
  text: string;
  start: number[];
  end: number[];
}

/** The text as search sees it (see the header for the rules). */
export function foldForSearch(text: string): string {
  return foldWithMap(text).text;
}

const SMALL_KANA: Record<string, string> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  っ: 'つ',
  ゃ: 'や',
  ゅ: 'ゆ',
  ょ: 'よ',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'か',
};

/** What is keyed in place of the long-vowel mark (after NFKC: － is already -, ‑ is ‐), and the mark itself. */
const LONG_VOWEL_LOOKALIKES = new Set(['-', '\u2010', '\u2012', '\u2013', '\u2212', 'ー']);

const MARK = /\p{M}/u;
const CASE_FOLDS = /\p{CWCF}/u;
const IGNORABLE = /\p{DI}/gu;
const ONLY_SPACE = /^[\s\p{Cc}]+$/u;
const SOME_SPACE = /[\s\p{Cc}]/u;
const SPACES = /[\s\p{Cc}]+/gu;

/** Kana (hiragana, katakana, half-width katakana, ー, kana iteration marks): what a long-vowel mark may follow. */
export function isKana(code: number): boolean {
  return (
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x309d && code <= 0x309f) ||
    (code >= 0x30a1 && code <= 0x30fa) ||
    (code >= 0x30fc && code <= 0x30ff) ||
    (code >= 0x31f0 && code <= 0x31ff) ||
    (code >= 0xff66 && code <= 0xff9d)
  );
}

/** Does `next` belong to the segment that `base` starts? A half-width voiced mark does only after a kana. */
function joins(base: number, next: number): boolean {
  if (next < 0x300) return false;
  if (next === 0xff9e || next === 0xff9f) return isKana(base);
  return MARK.test(String.fromCodePoint(next));
}

const cache = new Map<string, string>();

/** One segment folded by rules 1–6, independent of its neighbours; ' ' for whitespace, '' for nothing. */
function foldSegment(segment: string): string {
  if (segment.length === 1) {
    const code = segment.charCodeAt(0);
    if (code < 0x80) {
      if (code <= 0x20 || code === 0x7f) return ' ';
      return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : segment;
    }
  }
  let folded = cache.get(segment);
  if (folded === undefined) {
    if (cache.size >= 20_000) cache.clear();
    folded = foldSlowly(segment);
    cache.set(segment, folded);
  }
  return folded;
}

function foldSlowly(segment: string): string {
  // A half-width voiced mark on its own is the spacing one (゛ ゜), as it would be after NFKC's space is dropped.
  if (segment === '\uff9e') return '゛';
  if (segment === '\uff9f') return '゜';
  let n = segment.normalize('NFKC');
  if (CASE_FOLDS.test(n)) n = n.toUpperCase().toLowerCase().normalize('NFKC');
  let kana = '';
  for (const ch of n) {
    const code = ch.charCodeAt(0);
    const hiragana = code >= 0x30a1 && code <= 0x30f6 ? String.fromCharCode(code - 0x60) : ch;
    kana += SMALL_KANA[hiragana] ?? hiragana;
  }
  // Small → large can leave a pair that composes (ヶ゛ → か + ゛ → が).
  n = kana.normalize('NFC').replace(IGNORABLE, '');
  if (n === '') return '';
  if (ONLY_SPACE.test(n)) return ' ';
  if (SOME_SPACE.test(n)) {
    // NFKC gave a spacing accent as space + combining mark (¨, ゛): keep the character as typed.
    return SOME_SPACE.test(segment) ? n.replace(SPACES, '') : segment.toLowerCase().replace(IGNORABLE, '');
  }
  return n;
}

/** Fold `input` (rules in the header) and keep, for every folded code unit, the original span it came from. */
export function foldWithMap(input: string): FoldedText {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let spaceStart = -1;
  let spaceEnd = -1;
  let i = 0;
  while (i < input.length) {
    const from = i;
    const base = input.codePointAt(i)!;
    i += base > 0xffff ? 2 : 1;
    while (i < input.length) {
      const next = input.codePointAt(i)!;
      if (!joins(base, next)) break;
      i += next > 0xffff ? 2 : 1;
    }
    let folded = foldSegment(input.slice(from, i));
    if (folded === '') continue;
    if (folded === ' ') {
      if (spaceStart < 0) spaceStart = from;
      spaceEnd = i;
      continue;
    }
    if (LONG_VOWEL_LOOKALIKES.has(folded)) {
      folded = spaceStart < 0 && text.length > 0 && isKana(text.charCodeAt(text.length - 1)) ? 'ー' : '-';
    }
    if (spaceStart >= 0) {
      if (text.length > 0) {
        text += ' ';
        start.push(spaceStart);
        end.push(spaceEnd);
      }
      spaceStart = -1;
    }
    text += folded;
    for (let k = 0; k < folded.length; k++) {
      start.push(from);
      end.push(i);
    }
  }
  return { text, start, end };
}

/**
 * What a folded character is to search: part of a CJK run (kanji, kana, ー, 々, 〆 — not CJK punctuation),
 * part of a word (other letters, digits, marks), or neither (space, punctuation, symbols).
 */
export type CharClass = 'cjk' | 'word' | 'other';

const CJK = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3006\u30fc]$/u;
const PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}]$/u;
const WORD = /^[\p{L}\p{N}\p{M}]$/u;

export function charClass(codePoint: number): CharClass {
  if (codePoint < 0x80) {
    const lower = codePoint | 0x20;
    return (codePoint >= 0x30 && codePoint <= 0x39) || (lower >= 0x61 && lower <= 0x7a) ? 'word' : 'other';
  }
  // 0x3099, 0x309a: a voiced mark left uncomposed on a kana that has no voiced form (い゙) stays in the CJK run.
  if ((codePoint >= 0x4e00 && codePoint <= 0x9fff) || (codePoint >= 0x3041 && codePoint <= 0x309a)) return 'cjk';
  if (codePoint >= 0x30a1 && codePoint <= 0x30fa) return 'cjk';
  const ch = String.fromCodePoint(codePoint);
  if (CJK.test(ch) && !PUNCTUATION_OR_SYMBOL.test(ch)) return 'cjk';
  return WORD.test(ch) ? 'word' : 'other';
}

/** The class of the code point starting at `index` (or of a lone surrogate there). */
export function classAt(text: string, index: number): CharClass {
  return charClass(text.codePointAt(index)!);
}

/** The class of the code point that ends just before `index`. */
export function classBefore(text: string, index: number): CharClass {
  const low = text.charCodeAt(index - 1);
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return classAt(text, index - 2);
  }
  return charClass(low);
}
