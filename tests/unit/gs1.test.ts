import { describe, expect, it } from 'vitest';
import { GS, gs1CheckDigit, gs1ElementString, looksLikeGs1, parseGs1 } from '../../shared/materials/gs1';

const GTIN = '09506000134352'; // GS1's own example GTIN-14 (check digit 2)

describe('GS1 element strings', () => {
  it.each([
    ['DataMatrix with AIM ]d2 and GS separators', `]d201${GTIN}10L2026-118${GS}17271130213`, 'datamatrix'],
    ['GS1-128 with AIM ]C1', `]C101${GTIN}17271130` + `10L2026-118${GS}213`, 'gs1-128'],
    ['QR with AIM ]Q3', `]Q301${GTIN}10L2026-118${GS}17271130213`, 'qr'],
    ['leading FNC1 without AIM', `${GS}01${GTIN}10L2026-118${GS}17271130213`, 'none'],
    ['human-readable brackets', `(01)${GTIN}(10)L2026-118(17)271130(21)3`, 'none'],
  ])('%s', (_title, code, symbology) => {
    const result = parseGs1(code);
    expect(result).toEqual({
      ok: true,
      data: expect.objectContaining({
        symbology,
        gtin: GTIN,
        lot: 'L2026-118',
        expiry: '2027-11-30',
        serial: '3',
      }),
    });
    expect(looksLikeGs1(code)).toBe(true);
  });

  it.each([
    [
      'wrong GTIN check digit',
      `]d201${GTIN.slice(0, 13)}7${GS}10L1`,
      /check digit 7 is wrong \(expected 2\)/,
    ],
    ['unknown AI', `]d201${GTIN}99X${GS}10L1`, /Unknown GS1 application identifier at position 19: "99X<GS>/],
    ['unknown AI in brackets', `(01)${GTIN}(95)ABC`, /Unknown GS1 application identifier at position 18/],
    ['expiry not a date', `]d217271340`, /AI \(17\) expiry date at position 5: 271340 is not a date YYMMDD/],
    ['GTIN too short', `(01)0950600013435`, /has 13 characters; it needs 14/],
    ['lot too long', `]d210${'A'.repeat(21)}`, /at most 20/],
    ['character outside CSET 82', `]d210L#1`, /contains a character GS1 does not allow/],
    ['an AI twice', `]d210A${GS}10B`, /AI \(10\) appears twice/],
    ['empty lot', `]d210${GS}21X`, /AI \(10\) batch\/lot at position 5 is empty/],
    ['not GS1 symbology', `]A0HELLO`, /does not carry GS1 data/],
  ])('refuses: %s', (_title, code, message) => {
    const result = parseGs1(code);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('reads expiry day 00 as the last day of the month (leap years too)', () => {
    const result = parseGs1(`]d217280200`);
    expect(result.ok && result.data.expiry).toBe('2028-02-29');
  });

  it('computes GTIN check digits', () => {
    expect(gs1CheckDigit('0950600013435')).toBe(2);
    expect(gs1CheckDigit('0400638133393')).toBe(1);
  });

  it('builds the element string a label encodes and parses it back', () => {
    const text = gs1ElementString([
      { ai: '10', value: 'L2026-118' },
      { ai: '21', value: '2' },
      { ai: '01', value: GTIN },
      { ai: '17', value: '271130' },
    ]);
    expect(text).toBe(`01${GTIN}17271130` + `10L2026-118${GS}212`);
    const parsed = parseGs1(`]d2${text}`);
    expect(parsed.ok && [parsed.data.lot, parsed.data.serial]).toEqual(['L2026-118', '2']);
  });

  it('does not take plain lot codes for GS1', () => {
    expect(looksLikeGs1('RM-1001/26A0001')).toBe(false);
    expect(looksLikeGs1('L2026-118')).toBe(false);
  });
});
