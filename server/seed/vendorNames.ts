/**
 * Plausible, fictional member vendors: Japanese company names built from place-like words and
 * trade words, each with a valid 法人番号 and the business areas it serves. Deterministic (a fixed
 * seed), so every installation and every test sees the same council.
 */
import { withCheckDigit } from '@shared/corporateNumber';
import { BUSINESS_AREA_KEYS, type BusinessAreaKey } from '@shared/reference/council';
import type { VendorType } from '@shared/domain';

const PLACE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['青葉', 'Aoba'],
  ['桜川', 'Sakuragawa'],
  ['白樺', 'Shirakaba'],
  ['若葉', 'Wakaba'],
  ['泉', 'Izumi'],
  ['楓', 'Kaede'],
  ['橘', 'Tachibana'],
  ['翼', 'Tsubasa'],
  ['渚', 'Nagisa'],
  ['疾風', 'Hayate'],
  ['光', 'Hikari'],
  ['双葉', 'Futaba'],
  ['北斗', 'Hokuto'],
  ['港', 'Minato'],
  ['武蔵野', 'Musashino'],
  ['大和路', 'Yamatoji'],
  ['瀬戸内', 'Setouchi'],
  ['北陸', 'Hokuriku'],
  ['みちのく', 'Michinoku'],
  ['筑紫', 'Tsukushi'],
  ['四国', 'Shikoku'],
  ['信州', 'Shinshu'],
  ['房総', 'Boso'],
  ['湘南', 'Shonan'],
  ['出雲', 'Izumo'],
  ['琵琶湖', 'Biwako'],
  ['富士見', 'Fujimi'],
  ['常磐', 'Joban'],
  ['紀州', 'Kishu'],
  ['阿蘇', 'Aso'],
];

const TRADE_WORDS: ReadonlyArray<readonly [string, string]> = [
  ['情報システム', 'Information Systems'],
  ['電算センター', 'Computer Center'],
  ['システムズ', 'Systems'],
  ['行政ソリューションズ', 'Public Solutions'],
  ['データサービス', 'Data Services'],
  ['ソフトウェア', 'Software'],
  ['テクノロジーズ', 'Technologies'],
  ['情報サービス', 'Information Services'],
  ['ネットワークス', 'Networks'],
  ['総合研究所', 'Research Institute'],
];

/** Registry office codes (会社法人等番号 prefix) of a few 法務局; the next two digits 01 mean 株式会社. */
const REGISTRY_OFFICES = ['0100', '0104', '0109', '0110', '0111', '1200', '1800', '2000', '4000', '7000'];

/** mulberry32: a tiny seeded PRNG, enough for reproducible seed data. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedVendor {
  key: string;
  vendorType: VendorType;
  nameJa: string;
  nameEn: string;
  corporateNumber: string;
  businessAreas: BusinessAreaKey[];
}

function pick<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function buildSeedVendors(development: number, support: number): SeedVendor[] {
  const random = prng(20_250_401);
  const combos = PLACE_WORDS.flatMap((p) => TRADE_WORDS.map((t) => [p, t] as const));
  const names = pick(random, combos, development + support);
  if (names.length < development + support) throw new Error('not enough name combinations');
  const usedNumbers = new Set<string>();
  return names.map(([place, trade], i) => {
    const vendorType: VendorType = i < development ? 'development' : 'support';
    let corporateNumber: string;
    do {
      const office = REGISTRY_OFFICES[Math.floor(random() * REGISTRY_OFFICES.length)]!;
      const serial = String(Math.floor(random() * 1_000_000)).padStart(6, '0');
      corporateNumber = withCheckDigit(`${office}01${serial}`);
    } while (usedNumbers.has(corporateNumber));
    usedNumbers.add(corporateNumber);
    // Development vendors build packages for several areas; support vendors cover fewer.
    const areaCount = vendorType === 'development' ? 1 + Math.floor(random() * 8) : 1 + Math.floor(random() * 5);
    const prefixFirst = random() < 0.6;
    return {
      key: slug(`${place[1]} ${trade[1]}`),
      vendorType,
      nameJa: prefixFirst ? `株式会社${place[0]}${trade[0]}` : `${place[0]}${trade[0]}株式会社`,
      nameEn: `${place[1]} ${trade[1]} Co., Ltd.`,
      corporateNumber,
      businessAreas: pick(random, BUSINESS_AREA_KEYS, areaCount).sort(
        (a, b) => BUSINESS_AREA_KEYS.indexOf(a) - BUSINESS_AREA_KEYS.indexOf(b),
      ),
    };
  });
}
