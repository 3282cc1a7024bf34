/**
 * One i18next instance per use, built synchronously from the catalogues in the repo (no loading at
 * run time): the renderer keeps one for the window, the core makes one per language it renders in.
 */
import i18next, { type i18n, type TFunction } from 'i18next';
import { catalogues, namespaces } from './catalogues';
import { defaultLanguage, languages, type Language } from './languages';

export function createI18n(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: defaultLanguage,
    supportedLngs: [...languages],
    ns: [...namespaces],
    defaultNS: 'common',
    resources: catalogues,
    initAsync: false,
    // React and jsPDF escape for themselves; recorded texts must appear exactly as written.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

const cache = new Map<Language, i18n>();

/** The translate function of a language (one shared instance per language; they are never switched). */
export function translator(language: Language): TFunction {
  let instance = cache.get(language);
  if (!instance) {
    instance = createI18n(language);
    cache.set(language, instance);
  }
  return instance.t;
}
