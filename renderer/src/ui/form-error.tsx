import type { EbrErrorData } from '../../../shared/errors';

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The core's refusal of a form, in place: its message, and each broken password rule if any. */
export function FormError({ error, testId = 'form-error' }: { error: EbrErrorData | null; testId?: string }) {
  if (!error) return null;
  const violations = error.code === 'PASSWORD_POLICY' ? stringList(error.details?.violations) : [];
  return (
    <div className="form-error" role="alert" data-testid={testId} data-code={error.code}>
      <p className="form-error__message">
        {violations.length > 0 ? 'The password policy does not accept this password:' : error.message}
      </p>
      {violations.length > 0 ? (
        <ul className="form-error__list" data-testid="policy-violations">
          {violations.map((violation) => (
            <li key={violation}>{violation}</li>
          ))}
        </ul>
      ) : null}
      <p className="form-error__code">{error.code}</p>
    </div>
  );
}
