import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../shared/errors';
import { catalogues, namespaces, type Catalogue } from '../../shared/i18n/catalogues';
import { describeError, errorCodeMessage } from '../../shared/i18n/error-messages';
import { languageOfLocale, languages } from '../../shared/i18n/languages';
import { translator } from '../../shared/i18n/translator';
import { meaningStatements, signatureMeanings } from '../../shared/signatures';

/** Every leaf of a catalogue as `path.to.key` → text. */
function leaves(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [k, v] of leaves(value, path)) found.set(k, v);
  }
  return found;
}

/** The interpolation variables a text uses, `{{name}}` and `{{count}}` alike, sorted. */
function variables(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

describe('the message catalogues', () => {
  for (const ns of namespaces) {
    it(`"${ns}": every key exists in every language, with the same interpolation variables`, () => {
      const english = leaves(catalogues.en[ns]);
      for (const language of languages) {
        const other = leaves(catalogues[language][ns]);
        expect([...other.keys()].sort(), `${language}/${ns}.json keys`).toEqual([...english.keys()].sort());
        for (const [key, text] of english) {
          const translated = other.get(key) ?? '';
          expect(translated.trim(), `${language}/${ns}.json "${key}" is empty`).not.toBe('');
          expect(variables(translated), `${language}/${ns}.json "${key}" variables`).toEqual(variables(text));
        }
      }
    });
  }

  it('has a message per language for each code of the closed error set, and nothing else', () => {
    for (const language of languages) {
      expect(Object.keys(catalogues[language].errors).sort()).toEqual([...errorCodes].sort());
      for (const code of errorCodes) expect(errorCodeMessage(code, language)).not.toBe(code);
    }
    expect(errorCodeMessage('SIGNER_NOT_DISTINCT', 'de')).toContain('Vier-Augen-Prinzip');
  });

  it('keeps the core’s specific message when it shows an error in German', () => {
    const error = { code: 'VALIDATION_FAILED' as const, message: 'line 3: unit is missing' };
    expect(describeError(error, 'en')).toBe('line 3: unit is missing');
    expect(describeError(error, 'de')).toBe('Einige Eingaben sind ungültig. (line 3: unit is missing)');
  });

  it('has the English meaning statements word for word as the signatures have always recorded them', () => {
    for (const meaning of signatureMeanings)
      expect(translator('en')(`signatures:statements.${meaning}`)).toBe(meaningStatements[meaning]);
  });

  it('lets the library do plurals and interpolation', () => {
    expect(translator('en')('plural.steps', { count: 1 })).toBe('1 step');
    expect(translator('en')('plural.steps', { count: 3 })).toBe('3 steps');
    expect(translator('de')('plural.steps', { count: 1 })).toBe('1 Schritt');
    expect(translator('de')('plural.steps', { count: 3 })).toBe('3 Schritte');
  });

  it('takes a terminal’s default language from its locale', () => {
    expect(languageOfLocale('de-AT')).toBe('de');
    expect(languageOfLocale('de_DE.UTF-8')).toBe('de');
    expect(languageOfLocale('en-US')).toBe('en');
    expect(languageOfLocale('fr-FR')).toBe('en');
    expect(languageOfLocale(undefined)).toBe('en');
  });
});
