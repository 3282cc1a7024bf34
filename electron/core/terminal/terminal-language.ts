import { languageOfLocale, type Language } from '../../../shared/i18n/languages';

/**
 * The terminal's language: the default for people who chose none. EBR_LANGUAGE overrides the
 * operating system's locale (LC_ALL, LC_MESSAGES, LANG, then what the runtime reports).
 */
export function terminalLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  return languageOfLocale(
    env.EBR_LANGUAGE ||
      env.LC_ALL ||
      env.LC_MESSAGES ||
      env.LANG ||
      Intl.DateTimeFormat().resolvedOptions().locale,
  );
}
