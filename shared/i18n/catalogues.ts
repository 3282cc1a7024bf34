/**
 * The message catalogues, one JSON file per language and namespace. Both the core (PDFs, error
 * messages, CLI) and the renderer import them from here, so a text is translated once.
 */
import deAuth from './locales/de/auth.json' with { type: 'json' };
import deBatches from './locales/de/batches.json' with { type: 'json' };
import deCommon from './locales/de/common.json' with { type: 'json' };
import deErrors from './locales/de/errors.json' with { type: 'json' };
import deHome from './locales/de/home.json' with { type: 'json' };
import deRecords from './locales/de/records.json' with { type: 'json' };
import deShell from './locales/de/shell.json' with { type: 'json' };
import deSignatures from './locales/de/signatures.json' with { type: 'json' };
import enAuth from './locales/en/auth.json' with { type: 'json' };
import enBatches from './locales/en/batches.json' with { type: 'json' };
import enCommon from './locales/en/common.json' with { type: 'json' };
import enErrors from './locales/en/errors.json' with { type: 'json' };
import enHome from './locales/en/home.json' with { type: 'json' };
import enRecords from './locales/en/records.json' with { type: 'json' };
import enShell from './locales/en/shell.json' with { type: 'json' };
import enSignatures from './locales/en/signatures.json' with { type: 'json' };
import type { Language } from './languages';

export const namespaces = [
  'common',
  'auth',
  'shell',
  'home',
  'batches',
  'signatures',
  'errors',
  'records',
] as const;

export type Namespace = (typeof namespaces)[number];

/** A catalogue: nested objects whose leaves are message texts. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

export const catalogues: Record<Language, Record<Namespace, Catalogue>> = {
  en: {
    common: enCommon,
    auth: enAuth,
    shell: enShell,
    home: enHome,
    batches: enBatches,
    signatures: enSignatures,
    errors: enErrors,
    records: enRecords,
  },
  de: {
    common: deCommon,
    auth: deAuth,
    shell: deShell,
    home: deHome,
    batches: deBatches,
    signatures: deSignatures,
    errors: deErrors,
    records: deRecords,
  },
};
