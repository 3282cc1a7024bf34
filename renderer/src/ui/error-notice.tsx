import type { EbrErrorData } from '../../../shared/errors';

/** An answer the core refused, shown where the data would have been: code and operator message only. */
export function ErrorNotice({ error, onRetry }: { error: EbrErrorData; onRetry?: () => void }) {
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__code">{error.code}</p>
      <p className="notice__message">{error.message}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
