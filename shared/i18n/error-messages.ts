import type { EbrErrorData, ErrorCode } from '../errors';
import type { Language } from './languages';
import { translator } from './translator';

/** The message of an error code in a person's language (the closed set has one per language). */
export function errorCodeMessage(code: ErrorCode, language: Language): string {
  return translator(language)(code, { ns: 'errors' });
}

/**
 * What a person reads about a refused action: the core's own message in English (it names the field,
 * line or position), the code's message in the person's language otherwise, followed by the core's
 * specific message, which is never lost.
 */
export function describeError(error: EbrErrorData, language: Language): string {
  if (language === 'en') return error.message;
  const headline = errorCodeMessage(error.code, language);
  return error.message ? `${headline} (${error.message})` : headline;
}
