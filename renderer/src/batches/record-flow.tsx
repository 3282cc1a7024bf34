import { useEffect, useRef, useState } from 'react';
import type { StepInput } from '../../../shared/batches/step-input';
import type { BatchStepView, BatchView, StepPreview } from '../../../shared/contract/batches';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import type { EbrErrorData, Result } from '../../../shared/errors';
import { meaningLabels } from '../../../shared/signatures';
import { roleLabels } from '../../../shared/permissions';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { toIpcError } from '../ipc/ipc-error';
import { useSession } from '../session/session-context';
import { SignatureDialog } from '../signatures/signature-dialog';
import { DeviationDialog } from './deviation-dialog';
import { OverrideReasonDialog } from './override-reason-dialog';
import { refusedSlot, signatureSlots, type SignatureSlot } from './signature-plan';
import { SignerRefusedDialog } from './signer-refused-dialog';
import { stepSubject } from './step-subject';
import { useSignaturePasswordFocus } from './use-signature-focus';

export interface RecordRequest {
  mode: 'complete' | 'correct';
  input: StepInput;
  /** Why a correction is made (mode correct). */
  reason?: string;
}

type Stage =
  | { kind: 'previewing' }
  | { kind: 'override-reason' }
  | { kind: 'deviation' }
  | { kind: 'sign'; slot: number }
  | { kind: 'signer-refused'; slot: number; error: EbrErrorData }
  | { kind: 'submitting' };

/**
 * Recording a step's value (complete or correct), as the core asks for it: a preview first (value,
 * limits, signatures needed), then the supervisor's override for a blocking violation or a comment
 * for a deviation, then each required signature in order; the last one sends everything at once.
 * Nothing is recorded until that last answer; cancelling anywhere leaves the step as it was.
 */
export function RecordFlow({
  batch,
  step,
  request,
  onDone,
  onRefused,
  onCancel,
}: {
  batch: BatchView;
  step: BatchStepView;
  request: RecordRequest;
  onDone: (batch: BatchView, preview: StepPreview) => void;
  onRefused: (error: EbrErrorData) => void;
  onCancel: () => void;
}) {
  const { session } = useSession();
  const [stage, setStage] = useState<Stage>({ kind: 'previewing' });
  const [preview, setPreview] = useState<StepPreview | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const [deviationComment, setDeviationComment] = useState('');
  const credentials = useRef<(SignerCredentials | null)[]>([]);
  const slots: SignatureSlot[] = preview ? signatureSlots(preview) : [];
  const signingSelf = stage.kind === 'sign' && slots[stage.slot]?.mode === 'self';
  useSignaturePasswordFocus(signingSelf, stage);
  // The flow is started once per request; the callbacks are the owner's, read when needed.
  const owner = useRef({ onDone, onRefused });
  owner.current = { onDone, onRefused };

  const send = (answer: { preview: StepPreview; override: string; deviation: string }) => {
    const given = credentials.current;
    const all = signatureSlots(answer.preview);
    const overrideAt = all.findIndex((slot) => slot.kind === 'override');
    const payload = {
      batchId: batch.id,
      stepId: step.id,
      input: request.input,
      signatures: all.flatMap((slot, index) =>
        slot.kind === 'step' ? [{ meaning: slot.meaning, credentials: given[index]! }] : [],
      ),
      ...(overrideAt >= 0 ? { override: { reason: answer.override, credentials: given[overrideAt]! } } : {}),
      ...(answer.preview.violation?.handling === 'deviation' ? { deviationComment: answer.deviation } : {}),
    };
    return request.mode === 'complete'
      ? call('batches.completeStep', payload)
      : call('batches.correctStep', { ...payload, reason: request.reason ?? '' });
  };

  // Without a dialog to show (no limit broken, no signature), the entry is recorded at once.
  const submitDirectly = async (answer: StepPreview, deviation: string) => {
    setStage({ kind: 'submitting' });
    try {
      owner.current.onDone(await send({ preview: answer, override: '', deviation }), answer);
    } catch (error) {
      owner.current.onRefused(toIpcError(error).toData());
    }
  };

  useEffect(() => {
    let current = true;
    call('batches.previewStep', {
      batchId: batch.id,
      stepId: step.id,
      input: request.input,
      mode: request.mode,
    }).then(
      (answer) => {
        if (!current) return;
        setPreview(answer);
        if (answer.violation?.handling === 'block') setStage({ kind: 'override-reason' });
        else if (answer.violation?.handling === 'deviation') setStage({ kind: 'deviation' });
        else if (signatureSlots(answer).length > 0) setStage({ kind: 'sign', slot: 0 });
        else void submitDirectly(answer, '');
      },
      (error: unknown) => current && owner.current.onRefused(toIpcError(error).toData()),
    );
    return () => {
      current = false;
    };
    // Previewed once, when the flow opens: the request does not change while it is open.
  }, []);

  if (!preview || stage.kind === 'previewing' || stage.kind === 'submitting') {
    return (
      <p className="record-flow__busy" role="status" data-testid="record-busy">
        {stage.kind === 'submitting' ? 'Recording…' : 'Checking the entry…'}
      </p>
    );
  }

  const subject = stepSubject(batch, step, preview, {
    mode: request.mode,
    reason: request.reason,
    overrideReason: overrideReason.trim() || undefined,
    deviationComment: deviationComment.trim() || undefined,
  });

  switch (stage.kind) {
    case 'override-reason':
      return (
        <OverrideReasonDialog
          violation={preview.violation!.message}
          reason={overrideReason}
          onReasonChange={setOverrideReason}
          onContinue={() => setStage({ kind: 'sign', slot: 0 })}
          onCancel={onCancel}
        />
      );
    case 'deviation':
      return (
        <DeviationDialog
          violation={preview.violation!.message}
          comment={deviationComment}
          onCommentChange={setDeviationComment}
          signaturesFollow={slots.length > 0}
          onContinue={async () => {
            if (slots.length > 0) {
              setStage({ kind: 'sign', slot: 0 });
              return null;
            }
            const answer = await asResult(() =>
              send({ preview, override: '', deviation: deviationComment.trim() }),
            );
            if (answer.ok) owner.current.onDone(answer.value, preview);
            return answer.ok ? null : answer.error;
          }}
          onCancel={onCancel}
        />
      );
    case 'signer-refused': {
      const slot = slots[stage.slot]!;
      return (
        <SignerRefusedDialog
          error={stage.error}
          slot={slot}
          onSignAgain={() => setStage({ kind: 'sign', slot: stage.slot })}
          onCancel={onCancel}
        />
      );
    }
    case 'sign': {
      const index = stage.slot;
      const slot = slots[index]!;
      const last = index === slots.length - 1;
      const onSign = async (given: SignerCredentials): Promise<Result<BatchView | null>> => {
        credentials.current[index] = given;
        if (!last) return { ok: true, value: null };
        const answer = await asResult(() =>
          send({ preview, override: overrideReason.trim(), deviation: deviationComment.trim() }),
        );
        if (answer.ok) return answer;
        const refused = refusedSlot(answer.error, slots, credentials.current, session.user.username);
        if (refused === null) owner.current.onRefused(answer.error);
        else if (refused !== index) setStage({ kind: 'signer-refused', slot: refused, error: answer.error });
        return answer;
      };
      return (
        <SignatureDialog<BatchView | null, 'self' | 'cosigner'>
          key={`sign-${index}`}
          title={`Signature ${index + 1} of ${slots.length}: ${meaningLabels[slot.meaning]}${
            slot.kind === 'override' ? ' (supervisor override)' : ''
          }`}
          subject={subject}
          meaning={slot.meaning}
          mode={slot.mode}
          note={
            slot.mode === 'cosigner'
              ? `It must be a ${roleLabels[slot.role].toLowerCase()}: ${slot.why}.`
              : undefined
          }
          onSign={onSign}
          onSigned={(value) => {
            if (value === null) setStage({ kind: 'sign', slot: index + 1 });
            else owner.current.onDone(value, preview);
          }}
          onCancel={onCancel}
        />
      );
    }
  }
}
