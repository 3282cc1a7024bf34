/**
 * The languages the workstation speaks. English is the language of the code and the fallback; a
 * person's language is stored with the user, and a terminal's locale gives the default.
 */
export const languages = ['en', 'de'] as const;

export type Language = (typeof languages)[number];

export const defaultLanguage: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The workstation language for a locale tag (`de-AT` → `de`, `fr-FR` → the default, English). */
export function languageOfLocale(locale: string | undefined | null): Language {
  const primary = (locale ?? '').toLowerCase().split(/[-_.]/)[0];
  return isLanguage(primary) ? primary : defaultLanguage;
}

/** The locale numbers and dates are written in for a language. */
export const localeOf: Record<Language, string> = { en: 'en-GB', de: 'de-DE' };

/** Each language named in itself, for the language switch (never translated). */
export const languageNames: Record<Language, string> = { en: 'English', de: 'Deutsch' };
