import type { EbrErrorData } from '../../../shared/errors';

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

/** What the person at the terminal reads when sign-in is refused, by code. */
export function signInProblem(error: EbrErrorData, at: 'sign-in' | 'unlock' = 'sign-in'): SignInProblem {
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      if (at === 'unlock') {
        return {
          title: 'Wrong password',
          advice: 'Only the password of the person shown can unlock. Repeated failures lock the account.',
        };
      }
      return {
        title: 'Wrong username or password',
        advice: 'Check both and try again. Repeated failures lock the account.',
      };
    case 'ACCOUNT_LOCKED': {
      const attempts = attemptsOf(error);
      return {
        title: attempts
          ? `Your account is locked after ${attempts} failed attempts.`
          : 'Your account is locked after repeated failed attempts.',
        advice: 'Ask an administrator to unlock it. Administrators have been alerted.',
      };
    }
    case 'ACCOUNT_DISABLED':
      return {
        title: 'Your account is disabled.',
        advice: 'Ask an administrator if you should have access to this terminal.',
      };
    case 'TERMINAL_NOT_REGISTERED':
      return {
        title: 'This terminal is not registered.',
        advice: 'Only administrators can sign in here until an administrator registers the terminal.',
      };
    default:
      return {
        title: error.message,
        advice: 'If this happens again, call an administrator and quote the code.',
      };
  }
}
