import type { DispositionView } from '../../../shared/contract/review';
import { shortLocalTime } from '../recipes/recipe-time';
import { SignatureBlock } from '../signatures/signature-block';
import { useSystemInfo } from '../system/system-info-context';
import { StatusBadge } from '../ui/status-badge';
import { dispositionLabels, dispositionTones } from './review-labels';

/** QA's standing disposition of an item: the decision, why, the investigation, and the signature. */
export function DispositionBlock({ disposition }: { disposition: DispositionView }) {
  const { info } = useSystemInfo();
  return (
    <div className="disposition" data-testid="disposition" data-decision={disposition.decision}>
      <StatusBadge tone={dispositionTones[disposition.decision]} testId="disposition-decision">
        {dispositionLabels[disposition.decision]}
      </StatusBadge>
      <dl className="disposition__facts">
        <div className="disposition__fact">
          <dt>Comment</dt>
          <dd data-testid="disposition-comment">{disposition.comment}</dd>
        </div>
        {disposition.reference ? (
          <div className="disposition__fact">
            <dt>Investigation</dt>
            <dd data-testid="disposition-reference">
              <code>{disposition.reference}</code>
            </dd>
          </div>
        ) : null}
        <div className="disposition__fact">
          <dt>By</dt>
          <dd>
            {disposition.decidedByName}, {shortLocalTime(disposition.decidedAtUtc, info.timeZone)}
          </dd>
        </div>
      </dl>
      {disposition.signatures.map((signature) => (
        <SignatureBlock key={signature.id} signature={signature} />
      ))}
    </div>
  );
}
