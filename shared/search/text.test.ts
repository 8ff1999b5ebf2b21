import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distinctTerms,
  foldForSearch,
  foldWithMap,
  highlightRanges,
  matches,
  MAX_QUERY_TERMS,
  MAX_TERM_LENGTH,
  occurrencesOf,
  parseQuery,
  queryTokensOf,
  tokensOf,
  type SearchQuery,
} from './text';
import { classAt, classBefore } from './textFold';

/** The original text a highlight range covers. */
function highlighted(text: string, query: string): string[] {
  return highlightRanges(text, query).map(([start, end]) => text.slice(start, end));
}

function searchOf(query: string): Extract<SearchQuery, { kind: 'search' }> {
  const q = parseQuery(query);
  if (q.kind !== 'search') throw new Error(`"${query}" is nothing to search`);
  return q;
}

describe('folding, rule by rule', () => {
  it('katakana, hiragana and half-width kana fold alike: 「ぎょうせい」 finds 「ギョウセイ」', () => {
    expect(foldForSearch('ギョウセイ')).toBe(foldForSearch('ぎょうせい'));
    expect(foldForSearch('ｷﾞｮｳｾｲ')).toBe(foldForSearch('ぎょうせい'));
    expect(matches('基幹業務のギョウセイ事務', 'ぎょうせい')).toBe(true);
    expect(matches('ぎょうせい', 'ｷﾞｮｳｾｲ')).toBe(true);
  });
  it('half-width kana with dakuten and handakuten compose: ｶﾞ → が, ﾊﾟ → ぱ', () => {
    expect(foldForSearch('ｶﾞ')).toBe('が');
    expect(foldForSearch('ﾊﾟｽ')).toBe('ぱす');
    expect(foldForSearch('ガ')).toBe('が');
    expect(foldForSearch('か\u3099')).toBe('が');
    // the spacing marks, and a half-width one after something that is not a kana, stay symbols of their own
    expect(foldForSearch('か゛')).toBe('か゛');
    expect(foldForSearch('Aﾞ')).toBe('a゛');
  });
  it('full-width and half-width Latin, digits and symbols fold (NFKC), and case folds', () => {
    expect(foldForSearch('ＡＢＣ')).toBe('abc');
    expect(foldForSearch('ａｂｃ')).toBe('abc');
    expect(foldForSearch('ＡＰＩ連携')).toBe('api連携');
    expect(foldForSearch('２０２６－００１２')).toBe('2026-0012');
    expect(foldForSearch('＃１２３')).toBe('#123');
    expect(foldForSearch('Straße ΟΔΟΣ')).toBe('strasse οδοσ');
    expect(matches('The API is ready', 'api')).toBe(true);
    expect(matches('ＡＢＣ商事', 'abc')).toBe(true);
  });
  it('compatibility characters expand: ㍿ → 株式会社, ﬁ → fi, ① → 1', () => {
    expect(foldForSearch('㍿ミライ')).toBe('株式会社みらい');
    expect(foldForSearch('ﬁle')).toBe('file');
    expect(foldForSearch('①')).toBe('1');
    expect(matches('㍿ミライ', '株式会社')).toBe(true);
  });
  it('the long-vowel mark is kept; its look-alikes after a kana fold to it', () => {
    for (const variant of ['サーバ－', 'サーバ-', 'サーバ‐', 'サーバ‑', 'サーバ−', 'ｻｰﾊﾞｰ']) {
      expect(foldForSearch(variant), variant).toBe('さーばー');
    }
    // ー is not dropped: ビール (beer) and ビル (building) stay apart
    expect(matches('ビル管理', 'ビール')).toBe(false);
    expect(matches('ビール', 'ビル')).toBe(false);
  });
  it('elsewhere the same characters, and ー itself, are a hyphen: an issue number typed with a Japanese IME', () => {
    expect(foldForSearch('２０２６ー００１２')).toBe('2026-0012');
    expect(foldForSearch('e‐mail')).toBe('e-mail');
    expect(foldForSearch('東京－大阪')).toBe('東京-大阪');
    expect(foldForSearch('カ - ド')).toBe('か - ど');
  });
  it('small kana fold to large ones (legacy data without small kana), ヵ ヶ to か', () => {
    expect(foldForSearch('キャノン')).toBe(foldForSearch('キヤノン'));
    expect(foldForSearch('ﾆｯﾎﾟﾝ')).toBe(foldForSearch('ﾆﾂﾎﾟﾝ'));
    expect(foldForSearch('ぁぃぅぇぉっゃゅょゎ')).toBe('あいうえおつやゆよわ');
    for (const month of ['1ヶ月', '1ヵ月', '1カ月', '1か月', '１ヶ月']) expect(foldForSearch(month), month).toBe('1か月');
    expect(matches('ｷﾔﾉﾝ製', 'キャノン')).toBe(true);
  });
  it('iteration marks are left alone', () => {
    expect(foldForSearch('各々 いすゞ ヽヾ')).toBe('各々 いすゞ ヽヾ');
    expect(matches('各々', '各各')).toBe(false);
  });
  it('whitespace runs collapse to one space and the ends are trimmed; invisible characters go', () => {
    expect(foldForSearch('  標準\u3000\u3000準拠 \n\t API  ')).toBe('標準 準拠 api');
    expect(foldForSearch('AP\u200bI')).toBe('api');
    expect(foldForSearch('葛\u{E0100}城')).toBe('葛城');
  });
  it('spacing accents that NFKC would turn into a space are kept as typed', () => {
    expect(foldForSearch('a¨b')).toBe('a¨b');
    expect(foldForSearch('゛')).toBe('゛');
  });
  it('folding is idempotent', () => {
    for (const s of ['ｷﾞｮｳｾｲ', 'サーバ－', '２０２６ー００１２', '㍿', 'Straße', 'か゛', 'a¨b', '1ヶ月', 'ヶﾞ']) {
      expect(foldForSearch(foldForSearch(s)), s).toBe(foldForSearch(s));
    }
  });
});

describe('the map back to the original', () => {
  it('gives each folded character the span of the original it came from', () => {
    const folded = foldWithMap('ｶﾞ ㍿ﬁ');
    expect(folded.text).toBe('が 株式会社fi');
    expect(folded.start).toEqual([0, 2, 3, 3, 3, 3, 4, 4]);
    expect(folded.end).toEqual([2, 3, 4, 4, 4, 4, 5, 5]);
  });
  it('a collapsed space spans the whole run; trimmed spaces map nowhere', () => {
    const folded = foldWithMap('  a \u3000 b ');
    expect(folded.text).toBe('a b');
    expect(folded.start).toEqual([2, 3, 6]);
    expect(folded.end).toEqual([3, 6, 7]);
  });
});

describe('tokens', () => {
  it('of mixed text: CJK bigrams (and every character), words, issue numbers and references with their parts', () => {
    const tokens = tokensOf('標準準拠システムの移行 2026-0012 #12 API');
    const terms = tokens.map((t) => `${t.term}@${t.position}`);
    expect(terms).toEqual([
      ...['標@0', '標準@0', '準@1', '準準@1', '準@2', '準拠@2', '拠@3', '拠し@3', 'し@4', 'しす@4', 'す@5', 'すて@5'],
      ...['て@6', 'てむ@6', 'む@7', 'むの@7', 'の@8', 'の移@8', '移@9', '移行@9', '行@10'],
      ...['2026@12', '2026-0012@12', '0012@17', '#12@22', '12@23', 'api@26'],
    ]);
    expect(distinctTerms(tokens)).toContain('準');
    expect(distinctTerms(tokens).filter((t) => t === '準')).toHaveLength(1);
  });
  it('a single CJK character alone is a unigram; CJK punctuation and spaces end a run', () => {
    expect(tokensOf('税 と、率').map((t) => t.term)).toEqual(['税', 'と', '率']);
  });
  it('Latin next to CJK: the word and the CJK run are separate tokens', () => {
    expect(tokensOf('API連携').map((t) => `${t.term}@${t.position}`)).toEqual(['api@0', '連@3', '連携@3', '携@4']);
  });
  it('a long word is cut to MAX_TERM_LENGTH code points', () => {
    const [token] = tokensOf('x'.repeat(500));
    expect(token!.term).toHaveLength(MAX_TERM_LENGTH);
  });
  it('an issue number needs four digits, a hyphen and four or more; parts that are not digits are plain words', () => {
    expect(tokensOf('2026-12').map((t) => t.term)).toEqual(['2026', '12']);
    expect(tokensOf('2026-00123').map((t) => t.term)).toEqual(['2026', '2026-00123', '00123']);
    expect(tokensOf('2026-0012a').map((t) => t.term)).toEqual(['2026', '0012a']);
    expect(tokensOf('#12a').map((t) => t.term)).toEqual(['12a']);
  });
  it('on the query side: bigrams for two or more CJK characters, the character for one, exact references alone', () => {
    expect(queryTokensOf('移行する')).toEqual([
      { term: '移行', offset: 0 },
      { term: '行す', offset: 1 },
      { term: 'する', offset: 2 },
    ]);
    expect(queryTokensOf('税')).toEqual([{ term: '税', offset: 0 }]);
    expect(queryTokensOf('2026-0012')).toEqual([{ term: '2026-0012', offset: 0 }]);
    expect(queryTokensOf('#12')).toEqual([{ term: '#12', offset: 0 }]);
    expect(queryTokensOf('api連携')).toEqual([
      { term: 'api', offset: 0 },
      { term: '連携', offset: 3 },
    ]);
  });
});

describe('the query language', () => {
  it('words are ANDed; a phrase must be contiguous', () => {
    const text = '標準準拠システムへの移行計画について';
    expect(matches(text, '移行 標準')).toBe(true);
    expect(matches(text, '移行 会議')).toBe(false);
    expect(matches('標準 と 準拠', '標準 準拠')).toBe(true);
    expect(matches('標準 と 準拠', '"標準 準拠"')).toBe(false);
    expect(matches('標準 準拠', '"標準 準拠"')).toBe(true);
    expect(matches('標準　準拠', '"標準 準拠"')).toBe(true);
  });
  it('a CJK word is matched contiguously, not as scattered bigrams', () => {
    expect(matches('東京と京都', '東京都')).toBe(false);
    expect(matches('東京都庁', '東京都')).toBe(true);
  });
  it('quotes: "", full-width ＂＂, 「」, “” and 『』 make phrases', () => {
    for (const q of ['"負担 割合"', '＂負担 割合＂', '「負担 割合」', '“負担 割合”', '『負担 割合』']) {
      const parsed = searchOf(q);
      expect(parsed.terms, q).toEqual([
        {
          kind: 'phrase',
          text: '負担 割合',
          display: '負担 割合',
          tokens: [
            { term: '負担', offset: 0 },
            { term: '割合', offset: 3 },
          ],
        },
      ]);
    }
    expect(searchOf('「負担割合」').terms[0]!.text).toBe('負担割合');
    // an unclosed quote runs to the end; a stray closing one is ignored
    expect(searchOf('"負担 割合').terms.map((t) => t.text)).toEqual(['負担 割合']);
    expect(searchOf('負担」 割合').terms.map((t) => t.text)).toEqual(['負担', '割合']);
    expect(searchOf('会議"負担 割合"').terms.map((t) => t.text)).toEqual(['会議', '負担 割合']);
  });
  it('exclusion: -word, -"phrase", －word and ーword (IME)', () => {
    const text = '全体会議の議事録（案）';
    expect(matches(text, '会議 -議事録')).toBe(false);
    expect(matches(text, '会議 －議事録')).toBe(false);
    expect(matches(text, '会議 ー議事録')).toBe(false);
    expect(matches(text, '会議 -"全体 会議"')).toBe(true);
    expect(matches(text, '会議 -「全体会議」')).toBe(false);
    expect(matches(text, '会議 -分科会')).toBe(true);
    const q = searchOf('会議 -議事録 -"x y"');
    expect(q.excluded.map((t) => [t.kind, t.text])).toEqual([
      ['word', '議事録'],
      ['phrase', 'x y'],
    ]);
    // a hyphen inside a word is not an exclusion, nor is a lone one
    expect(searchOf('e-mail -').terms.map((t) => t.text)).toEqual(['e-mail']);
  });
  it('issue numbers and # references are found exactly', () => {
    const text = '課題2026-0012と#12を参照 (2026-00123 ではない)';
    expect(matches(text, '2026-0012')).toBe(true);
    expect(matches(text, '２０２６ー００１２')).toBe(true);
    expect(matches(text, '#12')).toBe(true);
    expect(matches(text, '＃１２')).toBe(true);
    expect(matches('2026-00123', '2026-0012')).toBe(false);
    expect(matches('12026-0012', '2026-0012')).toBe(false);
    expect(matches('#123', '#12')).toBe(false);
    expect(matches('2026/0012', '2026-0012')).toBe(false);
    expect(searchOf('2026-0012').tokens).toEqual(['2026-0012']);
    expect(searchOf('#12').tokens).toEqual(['#12']);
    // the parts are still words of their own
    expect(matches('2026-0012', '0012')).toBe(true);
    expect(matches('#12', '12')).toBe(true);
  });
  it('Latin words match whole words; CJK has no word boundaries', () => {
    expect(matches('API連携の仕様', 'API')).toBe(true);
    expect(matches('API連携の仕様', 'PI')).toBe(false);
    expect(matches('APIs', 'API')).toBe(false);
    expect(matches('API連携の仕様', '連携')).toBe(true);
    expect(matches('API連携の仕様', 'API連携')).toBe(true);
    expect(matches('API連携の仕様', '携の')).toBe(true);
  });
  it('a word-final long vowel is optional in a query of a kana word of four or more: サーバー finds サーバ', () => {
    expect(matches('サーバの構築', 'サーバー')).toBe(true);
    expect(matches('サーバーの構築', 'サーバ')).toBe(true);
    expect(matches('コンピュータ', 'コンピューター')).toBe(true);
    expect(searchOf('サーバー').terms[0]).toMatchObject({ text: 'さーば', display: 'サーバー' });
    // short words keep it: キー is not き
    expect(searchOf('キー').terms[0]!.text).toBe('きー');
    expect(matches('木の実', 'キー')).toBe(false);
  });
  it('nothing to search: empty, only spaces or punctuation, only exclusions', () => {
    expect(parseQuery('')).toEqual({ kind: 'nothing', reason: 'empty', excluded: [], truncated: false });
    expect(parseQuery(' \u3000 、。!? "" 「」')).toMatchObject({ kind: 'nothing', reason: 'empty' });
    expect(parseQuery('-会議 -"議事 録"')).toMatchObject({ kind: 'nothing', reason: 'only-exclusions' });
    expect(matches('会議', '')).toBe(false);
    expect(matches('会議', '-議事録')).toBe(false);
    expect(highlightRanges('会議', '-会議')).toEqual([]);
  });
  it('is bounded: at most MAX_QUERY_TERMS terms, repeated terms once, and a long query cut', () => {
    const many = Array.from({ length: 50 }, (_, i) => `w${i}`).join(' ');
    const q = searchOf(many);
    expect(q.terms).toHaveLength(MAX_QUERY_TERMS);
    expect(q.truncated).toBe(true);
    expect(searchOf('会議 会議 会議').terms).toHaveLength(1);
    const long = searchOf('議'.repeat(10_000));
    expect(long.truncated).toBe(true);
    expect(long.terms[0]!.text.length).toBeLessThanOrEqual(256);
  });
  it('the display words are as typed, the highlight words folded', () => {
    const q = searchOf('ＡＰＩ 「ｷﾞｮｳｾｲ 事務」');
    expect(q.terms.map((t) => t.display)).toEqual(['ＡＰＩ', 'ｷﾞｮｳｾｲ 事務']);
    expect(q.highlight).toEqual(['api', 'ぎようせい 事務']);
  });
});

describe('highlight ranges', () => {
  it('map back to the original where NFKC changes the length', () => {
    expect(highlighted('当社は㍿ミライです', '株式会社')).toEqual(['㍿']);
    expect(highlighted('当社は㍿ミライです', '会社')).toEqual(['㍿']);
    expect(highlighted('the ﬁle list', 'file')).toEqual(['ﬁle']);
    expect(highlightRanges('the ﬁle list', 'file')).toEqual([[4, 7]]);
    expect(highlighted('ｷﾞｮｳｾｲ事務の話', 'ぎょうせい')).toEqual(['ｷﾞｮｳｾｲ']);
    expect(highlightRanges('ｷﾞｮｳｾｲ事務の話', 'せい事務')).toEqual([[4, 8]]);
    expect(highlighted('𠮷野家と𠮷田', '𠮷')).toEqual(['𠮷', '𠮷']);
  });
  it('cover a phrase across collapsed spaces, and merge overlapping or touching ones', () => {
    expect(highlighted('標準 　 準拠', '"標準 準拠"')).toEqual(['標準 　 準拠']);
    expect(highlightRanges('標準準拠', '標準 準拠')).toEqual([[0, 4]]);
    expect(highlightRanges('abc abc', 'abc')).toEqual([
      [0, 3],
      [4, 7],
    ]);
    expect(highlightRanges('ああああ', 'ああ')).toEqual([[0, 4]]);
  });
  it('only the query words and phrases, never the excluded ones', () => {
    expect(highlighted('会議と議事録', '会議 -分科会')).toEqual(['会議']);
  });
});

// ---- random properties ------------------------------------------------------------------------------------

/** Fixed so a failure reproduces; SEARCH_SEED=… (or "random") and SEARCH_RUNS=… explore further. */
const SEED = process.env.SEARCH_SEED === 'random' ? Date.now() % 2 ** 31 : Number(process.env.SEARCH_SEED ?? 20_260_020);
const RUNS = Number(process.env.SEARCH_RUNS ?? 400);

function check<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS): void {
  try {
    fc.assert(fc.property(arbitrary, predicate), { seed: SEED, numRuns: runs });
  } catch (error) {
    throw new Error(`replay with SEARCH_SEED=${SEED}\n${(error as Error).message}`);
  }
}

/** Pieces of Japanese and English text, including the awkward ones; no quote characters (query syntax). */
const PIECES = [
  ...['標', '準', '拠', '移', '行', '東', '京', '都', '会', '議', '負', '担', '割', '合', '税', '𠮷', '々', '〆'],
  ...['ぎ', 'ょ', 'う', 'せ', 'い', 'の', 'を', 'す', 'る', 'っ', 'ゃ', 'ギ', 'ョ', 'ウ', 'セ', 'イ', 'サ', 'バ', 'ヶ'],
  ...['ｶﾞ', 'ｷﾞ', 'ｮ', 'ｳ', 'ﾊﾟ', 'ｰ', 'ﾞ', 'ﾟ', 'か\u3099', 'か゛', 'ー', 'ー', 'ヴ'],
  ...['A', 'P', 'I', 'a', 'p', 'i', 'x', 'Z', 'ß', 'é', 'e\u0301', 'ﬁ', 'Ａ', 'ｂ', 'API', 'サーバー', 'サーバ'],
  ...['0', '1', '2', '6', '２', '０', '①', '2026-0012', '#12', '＃１２', '2026', '-0012'],
  ...[' ', ' ', ' ', '\u3000', '  ', '\n', '-', '－', '‐', '−', '#', '、', '。', '・', '.', ',', '!', '(', ')', '/'],
  ...['㍿', '\u200b', '¨', '゛'],
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(''));

/**
 * A piece of `text` a member might search for: a random range of the folded text, widened to whole Latin
 * words (words match whole), moved past a leading space, hyphen or ー (a leading minus is an exclusion),
 * and mapped back to the original (whole segments, so ㍿ or ｶﾞ are never cut).
 */
function pieceOf(text: string, a0: number, b0: number): { sub: string; from: number } | null {
  const folded = foldWithMap(text);
  const f = folded.text;
  if (f.length === 0) return null;
  let a = a0 % f.length;
  let b = a + 1 + (b0 % (f.length - a));
  const isLow = (i: number) => f.charCodeAt(i) >= 0xdc00 && f.charCodeAt(i) <= 0xdfff;
  if (a > 0 && isLow(a)) a--;
  if (b < f.length && isLow(b)) b++;
  while (a > 0 && classBefore(f, a) === 'word' && classAt(f, a) === 'word') a--;
  while (b < f.length && classBefore(f, b) === 'word' && classAt(f, b) === 'word') b++;
  while (a < b && (f[a] === ' ' || f[a] === '-' || f[a] === 'ー')) a++;
  if (a >= b) return null;
  return { sub: text.slice(folded.start[a]!, folded.end[b - 1]!), from: folded.start[a]! };
}

/** The invariant the index relies on: where a term occurs, its query tokens are among the text's, in place. */
function expectTokensInPlace(text: string, q: Extract<SearchQuery, { kind: 'search' }>): void {
  const folded = foldForSearch(text);
  const indexed = new Set(tokensOf(text).map((t) => `${t.position}:${t.term}`));
  for (const term of q.terms) {
    const places = occurrencesOf(folded, term.text);
    expect(places.length, `"${term.text}" in "${folded}"`).toBeGreaterThan(0);
    for (const at of places) {
      for (const token of term.tokens) {
        expect(
          indexed.has(`${at + token.offset}:${token.term}`),
          `${token.term}@${at + token.offset} of "${term.text}" in "${folded}"`,
        ).toBe(true);
      }
    }
  }
}

describe(`random Japanese and English texts (seed ${SEED})`, () => {
  it('a piece of a text, quoted as a phrase, matches it, and its tokens are among the text’s at the same place', () => {
    check(fc.tuple(textArb, fc.nat(), fc.nat()), ([text, a, b]) => {
      const piece = pieceOf(text, a, b);
      if (!piece) return;
      const q = parseQuery(`"${piece.sub}"`);
      if (q.kind === 'nothing') {
        expect(queryTokensOf(foldForSearch(piece.sub))).toEqual([]);
        return;
      }
      expect(matches(text, q), `"${piece.sub}" in "${text}"`).toBe(true);
      expectTokensInPlace(text, q);
      const ranges = highlightRanges(text, q);
      expect(
        ranges.some(([start, end]) => start <= piece.from && piece.from < end),
        `highlight of "${piece.sub}"`,
      ).toBe(true);
    });
  });
  it('a piece of a text, typed as bare words, matches it with every word ANDed', () => {
    check(fc.tuple(textArb, fc.nat(), fc.nat()), ([text, a, b]) => {
      const piece = pieceOf(text, a, b);
      if (!piece || /(^| )-/.test(foldForSearch(piece.sub))) return; // a word starting with a minus is an exclusion
      const q = parseQuery(piece.sub);
      if (q.kind === 'nothing') return;
      expect(q.excluded).toEqual([]);
      expect(matches(text, q), `${piece.sub} in "${text}"`).toBe(true);
      expectTokensInPlace(text, q);
    });
  });
  it('whenever any random query matches, its tokens are among the text’s; highlights are sorted and disjoint', () => {
    const queryArb = fc.array(fc.constantFrom(...PIECES, '"', '「', '」', '-'), { minLength: 1, maxLength: 6 });
    check(fc.tuple(textArb, queryArb), ([text, pieces]) => {
      const q = parseQuery(pieces.join(''));
      if (q.kind === 'nothing') return;
      const ranges = highlightRanges(text, q);
      for (let i = 0; i < ranges.length; i++) {
        const [start, end] = ranges[i]!;
        expect(start).toBeLessThan(end);
        expect(end).toBeLessThanOrEqual(text.length);
        if (i > 0) expect(start).toBeGreaterThan(ranges[i - 1]![1]);
      }
      if (!matches(text, q)) return;
      expectTokensInPlace(text, q);
      expect(ranges.length).toBeGreaterThan(0);
    });
  });
  it('folding is idempotent and its map is monotone and within the original', () => {
    check(textArb, (text) => {
      const folded = foldWithMap(text);
      expect(foldForSearch(folded.text)).toBe(folded.text);
      expect(folded.start).toHaveLength(folded.text.length);
      for (let i = 0; i < folded.text.length; i++) {
        expect(folded.start[i]!).toBeLessThan(folded.end[i]!);
        expect(folded.end[i]!).toBeLessThanOrEqual(text.length);
        if (i > 0) expect(folded.start[i]!).toBeGreaterThanOrEqual(folded.start[i - 1]!);
      }
    });
  });
  it('no string makes the parser, the predicate, the tokens or the highlights throw', () => {
    const anyUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 });
    const anyText = fc.oneof(anyUnit, fc.string({ unit: 'binary', maxLength: 80 }), textArb);
    check(fc.tuple(anyText, anyText), ([text, query]) => {
      const q = parseQuery(query);
      expect(['search', 'nothing']).toContain(q.kind);
      if (q.kind === 'search') {
        expect(q.terms.length + q.excluded.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
        for (const term of q.terms) expect(term.tokens.length).toBeGreaterThan(0);
      }
      matches(text, q);
      highlightRanges(text, q);
      tokensOf(text);
    });
  });
});
