import type { EbrErrorData } from '../../../shared/errors';
import { refusalAdvice } from './refusal-advice';

const detailLabels: Readonly<Record<string, string>> = { dataDir: 'Data folder' };

/** `dataDir` → "Data folder"; unknown keys are split at capitals: `expectedVersion` → "Expected version". */
function detailLabel(key: string): string {
  const known = detailLabels[key];
  if (known) return known;
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function detailText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The store was refused at start-up: nothing can be recorded until someone fixes the cause. */
export function RefusedScreen({
  refusal,
  applicationVersion,
}: {
  refusal: EbrErrorData;
  applicationVersion?: string;
}) {
  const details = Object.entries(refusal.details ?? {});
  return (
    <main className="state-screen state-screen--fail" data-testid="refused-screen">
      <div className="state-screen__card">
        <p className="state-screen__kicker">Work cannot start</p>
        <h1 className="state-screen__title">This terminal refused to open its records</h1>
        <p className="refusal__code" data-testid="refusal-code">
          {refusal.code}
        </p>
        <p className="refusal__message" data-testid="refusal-message">
          {refusal.message}
        </p>
        <h2 className="state-screen__subtitle">What to do</h2>
        <p className="state-screen__lead" data-testid="refusal-advice">
          {refusalAdvice(refusal.code)}
        </p>
        {details.length > 0 ? (
          <dl className="facts facts--compact">
            {details.map(([key, value]) => (
              <div className="facts__row" key={key}>
                <dt className="facts__label">{detailLabel(key)}</dt>
                <dd className="facts__value facts__value--code">{detailText(value)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {applicationVersion ? (
          <p className="state-screen__footer">EBR Workstation {applicationVersion}</p>
        ) : null}
      </div>
    </main>
  );
}
