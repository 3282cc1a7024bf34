import { useState } from 'react';
import type { SetupResult } from '../../../shared/contract/identity';
import type { EbrErrorData } from '../../../shared/errors';
import { CheckboxField } from '../ui/checkbox-field';
import { FormError } from '../ui/form-error';
import { GroupedCode } from '../ui/grouped-code';
import { RecoveryKeyDisplay } from './recovery-key-display';
import { downloadText, recoveryKeyFileText } from './recovery-key-file';

/** Step 3: the recovery key, shown this once; Finish only after the administrator says it is stored. */
export function RecoveryKeyStep({
  result,
  terminalName,
  createdAtUtc,
  pending,
  error,
  onFinish,
}: {
  result: SetupResult;
  terminalName: string;
  createdAtUtc: string;
  pending: boolean;
  error: EbrErrorData | null;
  onFinish: () => void;
}) {
  const [stored, setStored] = useState(false);
  return (
    <div className="form" data-testid="setup-recovery-step">
      <div className="key-warning" role="alert">
        <p className="key-warning__title">Shown once — store it now</p>
        <p className="key-warning__text">
          This key opens the encrypted records if this terminal&apos;s key store is ever lost. It is not kept
          by the application and cannot be shown again. Write it down or save it to removable media, and keep
          it in a safe place away from this terminal. Anyone holding it can read the records.
        </p>
      </div>
      <RecoveryKeyDisplay recoveryKey={result.recoveryKey} />
      <div className="form__actions">
        <button
          type="button"
          className="button button--large"
          onClick={() =>
            downloadText(
              'ebr-recovery-key.txt',
              recoveryKeyFileText(result.recoveryKey, terminalName, createdAtUtc),
            )
          }
          data-testid="save-recovery-key"
        >
          Save to file…
        </button>
        <span className="muted">Save it to removable media, never to this computer.</span>
      </div>
      <p className="setup-fingerprint">
        <span className="setup-fingerprint__label">This terminal&apos;s key fingerprint</span>
        <GroupedCode value={result.terminalFingerprint} size="small" testId="setup-fingerprint" />
      </p>
      <CheckboxField checked={stored} onChange={setStored} tone="attention" testId="recovery-key-stored">
        I have stored the recovery key in a safe place
      </CheckboxField>
      <FormError error={error} />
      <div className="form__actions form__actions--end">
        <button
          type="button"
          className="button button--primary button--large"
          disabled={!stored || pending}
          onClick={onFinish}
          data-testid="setup-finish"
        >
          {pending ? 'Finishing…' : 'Finish and go to sign-in'}
        </button>
      </div>
    </div>
  );
}
