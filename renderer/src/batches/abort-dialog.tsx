import { useState, type FormEvent } from 'react';
import type { BatchView } from '../../../shared/contract/batches';
import { rolesGrant } from '../../../shared/permissions';
import { ReasonField, reasonError } from '../forms/reason-field';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { useSession } from '../session/session-context';
import { SignatureDialog } from '../signatures/signature-dialog';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { useSignaturePasswordFocus } from './use-signature-focus';

/**
 * Abort: the reason, then a supervisor's "Aborted" signature — the signed-in person's own when
 * they are a supervisor, otherwise a supervisor's at this terminal.
 */
export function AbortDialog({
  batch,
  onAborted,
  onClose,
}: {
  batch: BatchView;
  onAborted: (batch: BatchView) => void;
  onClose: () => void;
}) {
  const { session } = useSession();
  const [stage, setStage] = useState<'reason' | 'sign'>('reason');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const selfSigns = rolesGrant(session.user.roles, 'sign.aborted');
  useSignaturePasswordFocus(stage === 'sign' && selfSigns, stage);

  if (stage === 'sign') {
    return (
      <SignatureDialog<BatchView, 'self' | 'cosigner'>
        title={`Sign: abort batch ${batch.batchNumber}`}
        subject={{
          title: `Abort batch ${batch.batchNumber}`,
          lines: [
            { label: 'Product', value: `${batch.productCode} · ${batch.productName}` },
            { label: 'Steps completed', value: `${batch.stepsCompleted} of ${batch.stepCount}` },
            { label: 'Reason', value: reason.trim() },
          ],
        }}
        meaning="aborted"
        mode={selfSigns ? 'self' : 'cosigner'}
        note="A supervisor signs an abort."
        onSign={(credentials) =>
          asResult(() => call('batches.abort', { batchId: batch.id, reason: reason.trim(), credentials }))
        }
        onSigned={onAborted}
        onCancel={() => setStage('reason')}
      />
    );
  }

  const next = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!reasonError(reason)) setStage('sign');
  };
  return (
    <Dialog title={`Abort batch ${batch.batchNumber}`} onClose={onClose} tone="danger" testId="abort-dialog">
      <form className="form" onSubmit={next} noValidate>
        <p className="form__explain form__explain--quote">
          An aborted batch is final: its remaining steps are never executed. Everything recorded so far stays.
        </p>
        <p className="form__explain">
          {selfSigns
            ? 'As a supervisor you sign the abort yourself.'
            : 'A supervisor signs the abort at this terminal with their own username and password.'}
        </p>
        <ReasonField
          label="Reason for aborting"
          value={reason}
          onChange={setReason}
          error={tried ? reasonError(reason) : undefined}
          autoFocus
        />
        <DialogActions
          submitLabel="Continue to signature"
          pendingLabel="…"
          pending={false}
          onCancel={onClose}
          danger
        />
      </form>
    </Dialog>
  );
}
