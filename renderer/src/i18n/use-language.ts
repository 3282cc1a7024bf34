import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultLanguage, isLanguage, type Language } from '../../../shared/i18n/languages';
import { terminalLanguage } from './terminal-language';

/** The window's language now, and a way to switch it (synchronous: every catalogue is loaded). */
export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.language) ? i18n.language : defaultLanguage;
  return {
    language,
    setLanguage: (next) => {
      void i18n.changeLanguage(next);
      document.documentElement.lang = next;
    },
  };
}

/**
 * Keeps the window in the session's language (the user's, else the terminal's, as the core decides:
 * signatures record the same). Signed out, the
 * window returns to the terminal's language once; a choice on the sign-in screen then stands.
 */
export function useSessionLanguage(session: { language: Language } | null): void {
  const { i18n } = useTranslation();
  const signedIn = session !== null;
  const language = session?.language ?? null;
  useEffect(() => {
    const wanted = (signedIn ? language : null) ?? terminalLanguage();
    if (i18n.language !== wanted) void i18n.changeLanguage(wanted);
    document.documentElement.lang = wanted;
  }, [i18n, signedIn, language]);
}
