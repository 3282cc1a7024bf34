import { useTranslation } from 'react-i18next';
import type { EbrErrorData } from '../../../shared/errors';
import type { SignatureMeaning } from '../../../shared/signatures';
import type { SignatureMode } from './signed-subject';
import { signatureProblem } from './signature-problem';

/** A refused signature: our sentence, what to do, and the core's own message with its code. */
export function SignatureProblemNotice({
  error,
  mode,
  meaning,
}: {
  error: EbrErrorData;
  mode: SignatureMode;
  meaning: SignatureMeaning;
}) {
  const { t } = useTranslation();
  const problem = signatureProblem(error, mode, meaning, t);
  return (
    <div
      className={problem.severe ? 'sign-in-problem sign-in-problem--severe' : 'sign-in-problem'}
      role="alert"
      data-testid="signature-error"
      data-code={error.code}
    >
      <span className="sign-in-problem__symbol" aria-hidden="true">
        {problem.severe ? '!' : '✗'}
      </span>
      <div className="sign-in-problem__text">
        <p className="sign-in-problem__title" data-testid="signature-error-title">
          {problem.title}
        </p>
        <p className="sign-in-problem__advice">{problem.advice}</p>
        <p className="signature-problem__server">
          <span className="signature-problem__message" data-testid="signature-error-message">
            {error.message}
          </span>{' '}
          <span className="sign-in-problem__code">{error.code}</span>
        </p>
      </div>
    </div>
  );
}
