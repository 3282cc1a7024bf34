import type { EbrErrorData } from '../../../shared/errors';
import { meaningLabels, type SignatureMeaning } from '../../../shared/signatures';
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
): SignatureProblem {
  const label = meaningLabels[meaning];
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return mode === 'self'
        ? {
            title: 'Wrong password. Nothing was signed.',
            advice: 'Type your own password again. Repeated failures lock your account.',
            severe: false,
          }
        : {
            title: 'Wrong username or password. Nothing was signed.',
            advice:
              'The second person types their own username and password again. Repeated failures lock the account.',
            severe: false,
          };
    case 'ACCOUNT_LOCKED': {
      const threshold = lockoutThreshold(error);
      return {
        title: threshold
          ? `The account is locked after ${threshold} failed attempts. Nothing was signed.`
          : 'The account is locked after repeated failed attempts. Nothing was signed.',
        advice: 'An administrator must unlock it; administrators have been alerted.',
        severe: true,
      };
    }
    case 'ACCOUNT_DISABLED':
      return {
        title: 'The account is disabled. Nothing was signed.',
        advice: 'A disabled account cannot sign. Ask another person with the right role.',
        severe: true,
      };
    case 'FORBIDDEN':
      return {
        title: `Missing role: this person may not sign as “${label}”. Nothing was signed.`,
        advice: `Only a person whose role allows “${label}” can sign this. Ask such a person.`,
        severe: true,
      };
    case 'SIGNER_NOT_DISTINCT':
      return {
        title: 'Same person: this signature needs a second, different person. Nothing was signed.',
        advice:
          mode === 'cosigner'
            ? 'Ask a colleague to enter their own username and password here. The person signed in, and the person whose work is checked, cannot sign it.'
            : 'The person whose work is checked cannot sign it. Ask a second person.',
        severe: true,
      };
    case 'SIGNER_MUST_CHANGE_PASSWORD':
      return {
        title: 'This person still has a temporary or expired password. Nothing was signed.',
        advice:
          'A password an administrator set cannot sign. Sign in once as this person, change the password, then sign.',
        severe: true,
      };
    case 'VALIDATION_FAILED':
      return {
        title: 'The entry was refused. Nothing was signed.',
        advice: 'Correct the entry and sign again.',
        severe: false,
      };
    default:
      return {
        title: 'The signature was not applied.',
        advice: 'If this happens again, call an administrator and quote the code.',
        severe: true,
      };
  }
}
