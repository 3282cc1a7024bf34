import { useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../shared/i18n/translator';
import { terminalLanguage } from './terminal-language';

/** One i18next instance for the window; the language follows the sign-in screen and the session. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [instance] = useState(() => createI18n(terminalLanguage()));
  return <I18nextProvider i18n={instance}>{children}</I18nextProvider>;
}
