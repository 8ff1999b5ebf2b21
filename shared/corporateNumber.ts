/**
 * 法人番号 (corporate number): 13 digits, the first being a check digit over the other 12.
 * Check digit = 9 − (Σ Pn·Qn mod 9), Pn the n-th digit counted from the right of the 12-digit
 * base number, Qn = 1 for odd n and 2 for even n (National Tax Agency specification).
 */
export function corporateNumberCheckDigit(base12: string): number {
  if (!/^\d{12}$/.test(base12)) throw new Error('base number must be 12 digits');
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function isValidCorporateNumber(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  return Number(value[0]) === corporateNumberCheckDigit(value.slice(1));
}

export function withCheckDigit(base12: string): string {
  return `${corporateNumberCheckDigit(base12)}${base12}`;
}
