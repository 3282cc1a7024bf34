import type { TFunction } from 'i18next';
import type { EbrErrorData } from '../../../shared/errors';
import type { Language } from '../../../shared/i18n/languages';
import { describeError } from '../../../shared/i18n/error-messages';

export interface SignInProblem {
  title: string;
  advice: string;
}

function attemptsOf(error: EbrErrorData): number | null {
  const details = error.details ?? {};
  for (const key of ['lockoutThreshold', 'failedAttempts']) {
    const value = details[key];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return null;
}

/** What the person at the terminal reads when sign-in is refused, by code, in their language. */
export function signInProblem(
  error: EbrErrorData,
  at: 'sign-in' | 'unlock',
  t: TFunction,
  language: Language,
): SignInProblem {
  const said = (key: string) => ({
    title: t(`auth:problem.${key}.title`),
    advice: t(`auth:problem.${key}.advice`),
  });
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return said(at === 'unlock' ? 'wrongPassword' : 'wrongCredentials');
    case 'ACCOUNT_LOCKED': {
      const attempts = attemptsOf(error);
      return {
        title: attempts
          ? t('auth:problem.locked.title', { count: attempts })
          : t('auth:problem.locked.titleUncounted'),
        advice: t('auth:problem.locked.advice'),
      };
    }
    case 'ACCOUNT_DISABLED':
      return said('disabled');
    case 'TERMINAL_NOT_REGISTERED':
      return said('unregistered');
    default:
      return { title: describeError(error, language), advice: t('auth:problem.other.advice') };
  }
}
