import type { SignatureView } from '../../../shared/contract/signatures';
import { meaningLabels } from '../../../shared/signatures';
import { formatUtcInstant } from '../format/time';
import { formatZoned, zonedTime } from '../format/zoned-time';
import { StatusBadge } from '../ui/status-badge';

/**
 * The manifestation of one signature wherever its record is shown (P11-50a/b): printed name,
 * meaning with its statement, date and time in the zone it was signed in (and UTC), terminal,
 * and whether it still verifies against the record as it is now.
 */
export function SignatureBlock({ signature }: { signature: SignatureView }) {
  const { valid, problem } = signature.verification;
  const zoned = zonedTime(signature.signedAtUtc, signature.timeZone);
  return (
    <article
      className={valid ? 'signature-block' : 'signature-block signature-block--invalid'}
      aria-label={`Signature: ${meaningLabels[signature.meaning]} by ${signature.signerName}`}
      data-testid="signature-block"
      data-valid={String(valid)}
      data-meaning={signature.meaning}
    >
      <header className="signature-block__header">
        <p className="signature-block__meaning" data-testid="signature-block-meaning">
          {meaningLabels[signature.meaning]}
        </p>
        <StatusBadge tone={valid ? 'ok' : 'fail'} testId="signature-validity">
          {valid ? 'VALID' : 'INVALID'}
        </StatusBadge>
      </header>
      <p className="signature-block__name" data-testid="signature-block-name">
        {signature.signerName}
        <span className="signature-block__username"> ({signature.signerUsername})</span>
      </p>
      <p className="signature-block__statement">“{signature.statement}”</p>
      <dl className="signature-block__facts">
        <div className="signature-block__fact">
          <dt>Signed</dt>
          <dd data-testid="signature-block-local">
            {zoned ? formatZoned(zoned) : `time zone ${signature.timeZone} unknown to this screen`}
          </dd>
        </div>
        <div className="signature-block__fact">
          <dt>UTC</dt>
          <dd data-testid="signature-block-utc">{formatUtcInstant(signature.signedAtUtc)}</dd>
        </div>
        <div className="signature-block__fact">
          <dt>Terminal</dt>
          <dd data-testid="signature-block-terminal">{signature.terminalName}</dd>
        </div>
      </dl>
      {valid ? null : (
        <p className="signature-block__problem" role="alert" data-testid="signature-block-problem">
          {problem ?? 'This signature does not verify against the record.'}
        </p>
      )}
    </article>
  );
}
