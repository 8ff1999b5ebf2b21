import { describe, expect, it } from 'vitest';
import { corporateNumberCheckDigit, isValidCorporateNumber, withCheckDigit } from './corporateNumber';

describe('法人番号 check digit', () => {
  it('accepts published corporate numbers', () => {
    // 国税庁 (National Tax Agency)'s published number, and another well-formed one.
    expect(isValidCorporateNumber('7000012050002')).toBe(true);
    expect(isValidCorporateNumber('1000013050238')).toBe(true);
  });

  it('refuses a wrong check digit, a wrong length and non-digits', () => {
    expect(isValidCorporateNumber('8000012050002')).toBe(false);
    expect(isValidCorporateNumber('700001205000')).toBe(false);
    expect(isValidCorporateNumber('70000120500020')).toBe(false);
    expect(isValidCorporateNumber('７000012050002')).toBe(false);
    expect(isValidCorporateNumber('70000120500a2')).toBe(false);
  });

  it('computes the digit that makes a number valid', () => {
    expect(corporateNumberCheckDigit('000012050002')).toBe(7);
    for (const base of ['010401000001', '120001999999', '000000000000']) expect(isValidCorporateNumber(withCheckDigit(base))).toBe(true);
  });
});
