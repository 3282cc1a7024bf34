import { useEffect, useRef } from 'react';
import type { EbrErrorData } from '../../../shared/errors';
import { roleLabels } from '../../../shared/permissions';
import { meaningLabels } from '../../../shared/signatures';
import { SignatureProblemNotice } from '../signatures/signature-problem-notice';
import { Dialog } from '../ui/dialog';
import type { SignatureSlot } from './signature-plan';

/** An earlier signature of the set was refused when the last one sent them all: nothing was recorded. */
export function SignerRefusedDialog({
  error,
  slot,
  onSignAgain,
  onCancel,
}: {
  error: EbrErrorData;
  slot: SignatureSlot;
  onSignAgain: () => void;
  onCancel: () => void;
}) {
  const label = meaningLabels[slot.meaning];
  const signAgain = useRef<HTMLButtonElement>(null);
  // The native dialog focuses its first button (Cancel) on opening: Enter should sign again instead.
  useEffect(() => signAgain.current?.focus(), []);
  return (
    <Dialog
      title="A signature was refused: nothing was recorded"
      onClose={onCancel}
      tone="danger"
      testId="signer-refused-dialog"
    >
      <div className="form">
        <SignatureProblemNotice error={error} mode={slot.mode} meaning={slot.meaning} />
        <p className="form__explain">
          The “{label}” signature{slot.mode === 'cosigner' ? ` (${roleLabels[slot.role].toLowerCase()})` : ''}{' '}
          is asked for again, then the ones after it.
        </p>
        <div className="dialog__actions">
          <button type="button" className="button button--large" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="button button--primary button--large"
            onClick={onSignAgain}
            ref={signAgain}
            data-testid="sign-again"
          >
            Sign “{label}” again
          </button>
        </div>
      </div>
    </Dialog>
  );
}
