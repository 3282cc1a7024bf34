import { useRef, useState, type FormEvent } from 'react';
import type { DispositionDecision, ReviewItem, ReviewView } from '../../../shared/contract/review';
import type { Result } from '../../../shared/errors';
import { ReasonField, reasonError } from '../forms/reason-field';
import { asResult } from '../ipc/as-result';
import { call } from '../ipc/client';
import { SignatureDialog, type CredentialsFor } from '../signatures/signature-dialog';
import type { SignedLine } from '../signatures/signed-subject';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { TextField } from '../ui/text-field';
import { dispositionLabels, itemLine, itemTitle, plural } from './review-labels';

const REFERENCE_MAX = 80;

function referenceError(reference: string): string | undefined {
  if (!reference.trim()) return 'Enter the investigation reference (deviation or CAPA number).';
  if (reference.trim().length > REFERENCE_MAX) return `At most ${REFERENCE_MAX} characters.`;
  return undefined;
}

/**
 * QA's disposition of one item — or of several of one kind at once, each signed on its own — in
 * two steps: the comment (and for "requires investigation" the reference), then the signature
 * "reviewed" with the password. Cancelling the signature goes back to the form, which is kept.
 */
export function DispositionDialog({
  batchId,
  batchNumber,
  items,
  decision,
  onDone,
  onPartial,
  onClose,
}: {
  batchId: string;
  batchNumber: string;
  items: readonly ReviewItem[];
  decision: DispositionDecision;
  onDone: (review: ReviewView) => void;
  /** Some items were signed before one was refused: the screen shows them. */
  onPartial: (review: ReviewView) => void;
  onClose: () => void;
}) {
  const [step, setStep] = useState<'form' | 'sign'>('form');
  const [comment, setComment] = useState('');
  const [reference, setReference] = useState('');
  const [tried, setTried] = useState(false);
  // Several items are signed one after the other (each checks the password): say how far it is.
  const [signing, setSigning] = useState<number | null>(null);
  // Items already signed in this dialog: after a refusal midway, signing again continues from there.
  const signed = useRef(new Set<string>());
  const investigation = decision === 'investigation';
  const label = dispositionLabels[decision];
  const single = items.length === 1 ? items[0]! : null;
  const what = single ? itemTitle(single) : plural(items.length, 'item');

  if (step === 'sign') {
    const lines: SignedLine[] = [
      { label: 'Batch', value: batchNumber },
      single
        ? { label: 'Item', value: `${itemTitle(single)} — ${itemLine(single)}` }
        : {
            label: `Items (${items.length})`,
            value: items
              .map((item) => `${item.stepTitle ?? itemTitle(item)} (${item.stepId ?? '—'})`)
              .join('; '),
          },
      { label: 'Decision', value: label },
      { label: 'Comment', value: comment.trim() },
      ...(investigation ? [{ label: 'Investigation', value: reference.trim() }] : []),
    ];
    const sign = async (credentials: CredentialsFor<'self'>): Promise<Result<ReviewView>> => {
      let last: ReviewView | null = null;
      for (const [index, item] of items.entries()) {
        if (signed.current.has(item.key)) continue;
        if (items.length > 1) setSigning(index + 1);
        const result = await asResult(() =>
          call('review.disposition', {
            batchId,
            itemKey: item.key,
            decision,
            comment: comment.trim(),
            ...(investigation ? { reference: reference.trim() } : {}),
            credentials,
          }),
        );
        if (!result.ok) {
          setSigning(null);
          if (last) onPartial(last);
          return result;
        }
        signed.current.add(item.key);
        last = result.value;
      }
      setSigning(null);
      return last ? { ok: true, value: last } : asResult(() => call('review.get', { batchId }));
    };
    return (
      <SignatureDialog<ReviewView, 'self'>
        title={
          signing === null
            ? `Sign: ${label.toLowerCase()} — ${what}`
            : `Signing ${signing} of ${items.length}: ${label.toLowerCase()}…`
        }
        subject={{ title: `Review disposition: ${label}`, lines }}
        meaning="reviewed"
        mode="self"
        onSign={sign}
        onSigned={onDone}
        onCancel={() => setStep('form')}
      />
    );
  }

  const errors = {
    comment: reasonError(comment),
    reference: investigation ? referenceError(reference) : undefined,
  };
  const next = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!errors.comment && !errors.reference) setStep('sign');
  };
  return (
    <Dialog title={`${label}: ${what}`} onClose={onClose} testId="disposition-dialog">
      <form className="form" onSubmit={next} noValidate data-decision={decision}>
        <div className="disposition-subject" data-testid="disposition-subject">
          <p className="disposition-subject__caption">
            Batch {batchNumber} ·{' '}
            {single ? 'review item' : `${items.length} review items, each signed on its own`}
          </p>
          <ul className="disposition-subject__list">
            {items.map((item) => (
              <li key={item.key}>{itemLine(item)}</li>
            ))}
          </ul>
        </div>
        <p className="form__explain">
          {investigation
            ? 'The item is dispositioned as needing an investigation: name the deviation or CAPA that covers it. Release is then possible; the investigation reference is part of the record.'
            : 'You accept the item as recorded: say why it has no impact on the quality of the batch.'}
        </p>
        <ReasonField
          label={investigation ? 'Comment: what must be investigated' : 'Comment: why it is acceptable'}
          value={comment}
          onChange={setComment}
          error={tried ? errors.comment : undefined}
          autoFocus
        />
        {investigation ? (
          <TextField
            label="Investigation reference"
            value={reference}
            onChange={setReference}
            error={tried ? errors.reference : undefined}
            hint="The deviation or CAPA number, e.g. DEV-2026-0117."
            testId="disposition-reference"
            code
          />
        ) : null}
        <DialogActions
          submitLabel="Continue to signature"
          pendingLabel="…"
          pending={false}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
