import { languageOfLocale, type Language } from '../../../shared/i18n/languages';

/** The terminal's own language: the default before anyone signs in and for users who chose none. */
export function terminalLanguage(): Language {
  return languageOfLocale(navigator.language);
}
