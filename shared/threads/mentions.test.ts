import { describe, expect, it } from 'vitest';
import { extractMentions, mentionsToNames, mentionsToTokens, mentionToken, type MentionKind, type NamedMention } from './mentions';

const TANAKA = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const TANAKA_TOO = 'bbbbbbbbbbbbbbbbbbbbbbbb'; // another person named 田中 陽子
const TANAKA_SHORT = 'cccccccccccccccccccccccc'; // 田中
const ORG = 'dddddddddddddddddddddddd';
const SATO = 'eeeeeeeeeeeeeeeeeeeeeeee';
const UNKNOWN = 'ffffffffffffffffffffffff';

const user = (id: string, name: string): NamedMention => ({ kind: 'user', id, name });
const org = (id: string, name: string): NamedMention => ({ kind: 'org', id, name });
const names: Record<string, string> = {
  [`user:${TANAKA}`]: '田中 陽子',
  [`user:${TANAKA_TOO}`]: '田中 陽子',
  [`user:${TANAKA_SHORT}`]: '田中',
  [`org:${ORG}`]: '株式会社サンプル情報システム',
  [`user:${SATO}`]: 'Sato Ken',
};
const nameOf = (kind: MentionKind, id: string) => names[`${kind}:${id}`];
const tanaka = mentionToken('user', TANAKA);

describe('the editor shows mentions by name and stores them as tokens', () => {
  it('turns a chosen @name (Japanese, with a space) into its token, and the token back into the name', () => {
    const named = [user(TANAKA, '田中 陽子'), org(ORG, '株式会社サンプル情報システム')];
    const text = '@田中 陽子 さん、@株式会社サンプル情報システム の資料を確認しました。';
    const body = `${tanaka} さん、${mentionToken('org', ORG)} の資料を確認しました。`;
    expect(mentionsToTokens(text, named)).toBe(body);
    expect(mentionsToNames(body, nameOf)).toEqual({ text, named });
    expect(extractMentions(mentionsToTokens(text, named))).toEqual({ users: [TANAKA], organizations: [ORG] });
  });

  it('needs no space after a Japanese name, but an ASCII name does not run on into a longer word', () => {
    expect(mentionsToTokens('@田中 陽子さん、ご確認ください。', [user(TANAKA, '田中 陽子')])).toBe(`${tanaka}さん、ご確認ください。`);
    const sato = [user(SATO, 'Sato Ken')];
    expect(mentionsToTokens('@Sato Kenji', sato)).toBe('@Sato Kenji');
    expect(mentionsToTokens('@Sato Ken, hello', sato)).toBe(`${mentionToken('user', SATO)}, hello`);
  });

  it('leaves an @name typed by hand as plain text, and an @ inside an e-mail address alone', () => {
    expect(mentionsToTokens('@田中 陽子 さん', [])).toBe('@田中 陽子 さん');
    expect(mentionsToTokens('@佐藤 さんと @田中 陽子 さん', [user(TANAKA, '田中 陽子')])).toBe(`@佐藤 さんと ${tanaka} さん`);
    expect(mentionsToTokens('mail: info@田中 陽子', [user(TANAKA, '田中 陽子')])).toBe('mail: info@田中 陽子');
  });

  it('a mention the person deleted or changed becomes plain text', () => {
    const named = [user(TANAKA, '田中 陽子')];
    expect(mentionsToTokens('@田中 陽 さん', named)).toBe('@田中 陽 さん'); // a character deleted
    expect(mentionsToTokens('田中 陽子 さん', named)).toBe('田中 陽子 さん'); // the @ deleted
    expect(mentionsToTokens('@田中  陽子 さん', named)).toBe('@田中  陽子 さん'); // a space put in
    expect(mentionsToTokens('ご確認ください。', named)).toBe('ご確認ください。'); // deleted entirely
  });

  it('takes the longest name where one name begins another', () => {
    const named = [user(TANAKA_SHORT, '田中'), user(TANAKA, '田中 陽子')];
    expect(mentionsToTokens('@田中 陽子 と @田中 に', named)).toBe(`${tanaka} と ${mentionToken('user', TANAKA_SHORT)} に`);
    expect(mentionsToTokens('@田中 陽子 と @田中 に', [...named].reverse())).toBe(`${tanaka} と ${mentionToken('user', TANAKA_SHORT)} に`);
  });

  it('when two people share a name, the one chosen last is the one meant', () => {
    const named = [user(TANAKA, '田中 陽子'), user(TANAKA_TOO, '田中 陽子')];
    expect(mentionsToTokens('@田中 陽子 さん', named)).toBe(`${mentionToken('user', TANAKA_TOO)} さん`);
  });

  it('keeps raw tokens as they are, both ways', () => {
    const raw = mentionToken('user', UNKNOWN);
    expect(mentionsToTokens(`${raw} と @田中 陽子`, [user(TANAKA, '田中 陽子')])).toBe(`${raw} と ${tanaka}`);
    expect(mentionsToNames(`${raw} と ${tanaka}`, nameOf)).toEqual({ text: `${raw} と @田中 陽子`, named: [user(TANAKA, '田中 陽子')] });
  });

  it('names a stored token only where saving unchanged gives the same body back', () => {
    const tanakaToo = mentionToken('user', TANAKA_TOO);
    // Two people of one name: the second keeps its token rather than becoming the first on saving.
    expect(mentionsToNames(`${tanaka} と ${tanakaToo}`, nameOf)).toEqual({ text: `@田中 陽子 と ${tanakaToo}`, named: [user(TANAKA, '田中 陽子')] });
    // The same name already written by hand: the token stays, so the plain text does not become a mention.
    expect(mentionsToNames(`@田中 陽子 と ${tanaka}`, nameOf).text).toBe(`@田中 陽子 と ${tanaka}`);
    // A shorter name that would swallow a longer plain one.
    const short = mentionToken('user', TANAKA_SHORT);
    expect(mentionsToNames(`${short} と @田中 陽子`, nameOf).text).toBe(`${short} と @田中 陽子`);
  });

  it('round-trips: stored → shown → stored is the identity, and shown → stored → shown too', () => {
    const tokens = [tanaka, mentionToken('user', TANAKA_TOO), mentionToken('user', TANAKA_SHORT), mentionToken('org', ORG), mentionToken('user', SATO), mentionToken('user', UNKNOWN)];
    const plain = ['@田中 陽子', '@田中', '@Sato Kenji', 'さん、', ' ', 'a@b', '\n', '`code`', '@'];
    let seed = 21;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 500; round++) {
      const parts = Array.from({ length: 1 + random(8) }, () => (random(2) ? tokens[random(tokens.length)]! : plain[random(plain.length)]!));
      const body = parts.join('');
      const { text, named } = mentionsToNames(body, nameOf);
      expect(mentionsToTokens(text, named), body).toBe(body);
      expect(mentionsToNames(mentionsToTokens(text, named), nameOf).text).toBe(text);
    }
  });
});
