import { meaningStatements, type SignatureMeaning } from '../signatures';
import type { Language } from './languages';
import { translator } from './translator';

/**
 * A meaning's statement in a language, as the signature dialog shows it and the signature records it.
 * English is the statement of shared/signatures.ts itself (the catalogue test keeps the two equal).
 */
export function meaningStatementIn(meaning: SignatureMeaning, language: Language): string {
  return language === 'en'
    ? meaningStatements[meaning]
    : translator(language)(`signatures:statements.${meaning}`);
}

/** A meaning's label (Performed, Verified…) in a language. */
export function meaningLabelIn(meaning: SignatureMeaning, language: Language): string {
  return translator(language)(`signatures:meanings.${meaning}`);
}
