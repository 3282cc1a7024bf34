import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatLimits,
  formatNumber,
  formatQuantity,
  localizeNumberText,
  parseLocaleNumber,
} from '../../shared/format/numbers';
import { languages } from '../../shared/i18n/languages';

describe('numbers in the person’s language', () => {
  it('shows values and limits with a decimal comma in German, unchanged in English', () => {
    expect(formatQuantity(80.02, 'kg', 2, 'de')).toBe('80,02 kg');
    expect(formatQuantity(80.02, 'kg', 2, 'en')).toBe('80.02 kg');
    expect(formatNumber(0.1 + 0.2, undefined, 'de')).toBe('0,3');
    expect(formatLimits({ min: 1.99, max: 2.01, target: 2 }, 'kg', 3, 'de')).toBe(
      '1,990 – 2,010 kg (Sollwert 2,000)',
    );
    expect(formatLimits({ target: 7 }, 'pH', 2, 'de')).toBe('Sollwert 7,00 pH');
    expect(formatLimits({ min: 1.99, max: 2.01, target: 2 }, 'kg', 3)).toBe(
      '1.990 – 2.010 kg (target 2.000)',
    );
  });

  it('reads a German decimal comma into the canonical value, decimals kept', () => {
    expect(parseLocaleNumber('80,02', 'de')).toEqual({
      ok: true,
      value: 80.02,
      canonical: '80.02',
      decimals: 2,
    });
    expect(parseLocaleNumber(' 2,000 ', 'de')).toEqual({
      ok: true,
      value: 2,
      canonical: '2.000',
      decimals: 3,
    });
    expect(parseLocaleNumber('-0,5', 'de')).toEqual({
      ok: true,
      value: -0.5,
      canonical: '-0.5',
      decimals: 1,
    });
    expect(parseLocaleNumber('12', 'de')).toEqual({ ok: true, value: 12, canonical: '12', decimals: 0 });
    expect(parseLocaleNumber('80.02', 'en')).toEqual({
      ok: true,
      value: 80.02,
      canonical: '80.02',
      decimals: 2,
    });
  });

  it('refuses German "1.234" as an ambiguous thousands separator, naming the position', () => {
    const parsed = parseLocaleNumber('1.234', 'de');
    expect(parsed).toMatchObject({ ok: false, refusal: 'ambiguousSeparator', position: 2 });
    expect(parsed.ok ? '' : parsed.message).toBe(
      '„1.234“: Der „.“ an Position 2 könnte ein Tausendertrennzeichen sein. Schreiben Sie Zahlen ohne Tausendertrennzeichen, mit „,“ für Dezimalstellen.',
    );
    expect(parseLocaleNumber('1,234', 'en')).toMatchObject({
      ok: false,
      refusal: 'ambiguousSeparator',
      position: 2,
    });
  });

  it('refuses a decimal point in German and a decimal comma in English', () => {
    const parsed = parseLocaleNumber('80.02', 'de');
    expect(parsed).toMatchObject({ ok: false, refusal: 'wrongSeparator', position: 3 });
    expect(parsed.ok ? '' : parsed.message).toContain('Verwenden Sie „,“ für Dezimalstellen');
    expect(parseLocaleNumber('80,02', 'en')).toMatchObject({
      ok: false,
      refusal: 'wrongSeparator',
      position: 3,
    });
  });

  it('refuses what is not one number, saying where', () => {
    expect(parseLocaleNumber('', 'de')).toMatchObject({ ok: false, refusal: 'empty' });
    expect(parseLocaleNumber('1,2,3', 'de')).toMatchObject({
      ok: false,
      refusal: 'twoSeparators',
      position: 4,
    });
    expect(parseLocaleNumber('12 kg', 'en')).toMatchObject({ ok: false, refusal: 'notANumber', position: 3 });
    expect(parseLocaleNumber('1e3', 'en')).toMatchObject({ ok: false, refusal: 'notANumber', position: 2 });
    expect(parseLocaleNumber(',5', 'de')).toMatchObject({ ok: false, refusal: 'notANumber' });
    expect(parseLocaleNumber('5,', 'de')).toMatchObject({ ok: false, refusal: 'notANumber' });
    expect(parseLocaleNumber('-', 'de')).toMatchObject({ ok: false, refusal: 'notANumber' });
    const english = parseLocaleNumber('12 kg', 'en');
    expect(english.ok ? '' : english.message).toBe(
      '“12 kg” is not a number: “ ” at position 3. Use digits and “.” for decimals.',
    );
  });

  const shown = fc.record({
    value: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    decimals: fc.integer({ min: 0, max: 4 }),
    language: fc.constantFrom(...languages),
  });

  it('reads back every number it shows, in every language, to the same canonical text (property)', () => {
    fc.assert(
      fc.property(shown, ({ value, decimals, language }) => {
        const text = formatNumber(value, decimals, language);
        const parsed = parseLocaleNumber(text, language);
        const canonical = value.toFixed(decimals);
        if (canonical === '-0' || /^-0\.0+$/.test(canonical)) return; // toFixed's negative zero
        expect(parsed).toEqual({ ok: true, value: Number(canonical), canonical, decimals });
      }),
    );
  });

  it('never misreads: whatever it accepts is the typed text with the language’s separator (property)', () => {
    const typed = fc.stringMatching(/^-?[0-9.,]{0,8}$/);
    fc.assert(
      fc.property(typed, fc.constantFrom(...languages), (text, language) => {
        const parsed = parseLocaleNumber(text, language);
        if (!parsed.ok) {
          expect(parsed.message.length).toBeGreaterThan(0);
          expect(parsed.position).toBeGreaterThanOrEqual(1);
          return;
        }
        expect(parsed.canonical).toMatch(/^-?\d+(\.\d+)?$/);
        expect(localizeNumberText(parsed.canonical, language)).toBe(text);
        // A German entry with a point, an English one with a comma, is never accepted.
        expect(text).not.toContain(language === 'de' ? '.' : ',');
      }),
    );
  });
});
