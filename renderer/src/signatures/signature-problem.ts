import type { TFunction } from 'i18next';
import type { EbrErrorData } from '../../../shared/errors';
import type { SignatureMeaning } from '../../../shared/signatures';
import type { SignatureMode } from './signed-subject';

export interface SignatureProblem {
  /** One sentence, read at arm's length. */
  title: string;
  /** What to do now. */
  advice: string;
  /** Wrong password is the person's own slip; the others need someone else. */
  severe: boolean;
}

function lockoutThreshold(error: EbrErrorData): number | null {
  const value = error.details?.lockoutThreshold;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null;
}

/** Why a signature was refused, by code: each case has its own sentence (the core's message is shown too). */
export function signatureProblem(
  error: EbrErrorData,
  mode: SignatureMode,
  meaning: SignatureMeaning,
  t: TFunction,
): SignatureProblem {
  const said = (key: string, severe: boolean, advice = 'advice') => ({
    title: t(`signatures:problem.${key}.title`, { meaning: t(`signatures:meanings.${meaning}`) }),
    advice: t(`signatures:problem.${key}.${advice}`, { meaning: t(`signatures:meanings.${meaning}`) }),
    severe,
  });
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return said(mode === 'self' ? 'wrongPasswordSelf' : 'wrongCredentials', false);
    case 'ACCOUNT_LOCKED': {
      const threshold = lockoutThreshold(error);
      return {
        title: threshold
          ? t('signatures:problem.locked.title', { count: threshold })
          : t('signatures:problem.locked.titleUncounted'),
        advice: t('signatures:problem.locked.advice'),
        severe: true,
      };
    }
    case 'ACCOUNT_DISABLED':
      return said('disabled', true);
    case 'FORBIDDEN':
      return said('forbidden', true);
    case 'SIGNER_NOT_DISTINCT':
      return said('notDistinct', true, mode === 'cosigner' ? 'adviceCosigner' : 'adviceSelf');
    case 'SIGNER_MUST_CHANGE_PASSWORD':
      return said('mustChange', true);
    case 'VALIDATION_FAILED':
      return said('validation', false);
    default:
      return said('other', true);
  }
}
