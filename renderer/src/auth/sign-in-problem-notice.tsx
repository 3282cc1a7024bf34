import type { EbrErrorData } from '../../../shared/errors';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../i18n/use-language';
import { signInProblem } from './sign-in-error';

/** A refused sign-in or unlock, big enough to read from a step back; the code for the helpdesk. */
export function SignInProblemNotice({
  error,
  at = 'sign-in',
}: {
  error: EbrErrorData;
  at?: 'sign-in' | 'unlock';
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const problem = signInProblem(error, at, t, language);
  const severe = error.code !== 'INVALID_CREDENTIALS';
  return (
    <div
      className={severe ? 'sign-in-problem sign-in-problem--severe' : 'sign-in-problem'}
      role="alert"
      data-testid="sign-in-error"
      data-code={error.code}
    >
      <span className="sign-in-problem__symbol" aria-hidden="true">
        {severe ? '!' : '✗'}
      </span>
      <div className="sign-in-problem__text">
        <p className="sign-in-problem__title">{problem.title}</p>
        <p className="sign-in-problem__advice">{problem.advice}</p>
        <p className="sign-in-problem__code">{error.code}</p>
      </div>
    </div>
  );
}
