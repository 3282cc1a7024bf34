import { useState, type FormEvent } from 'react';
import { batchCommentInput } from '../../../shared/contract/batch-inputs';
import type { BatchView } from '../../../shared/contract/batches';
import { fieldError } from '../forms/field-error';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { shortLocalTime } from '../recipes/recipe-time';
import { useSystemInfo } from '../system/system-info-context';
import { FormError } from '../ui/form-error';
import { TextAreaField } from '../ui/text-area-field';

/** Remarks on a step by the people working it: listed oldest first, added with the author's name. */
export function StepComments({
  batch,
  stepId,
  canComment,
  onCommented,
}: {
  batch: BatchView;
  stepId: string;
  canComment: boolean;
  onCommented: (batch: BatchView) => void;
}) {
  const { info } = useSystemInfo();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const comments = batch.comments.filter((comment) => comment.stepId === stepId);
  const problem = fieldError(batchCommentInput.shape.text, text);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    const answer = await run(() => call('batches.comment', { batchId: batch.id, stepId, text }));
    if (!answer) return;
    setText('');
    setTried(false);
    onCommented(answer);
  };

  return (
    <section
      className="step-section step-comments"
      aria-label="Comments on this step"
      data-testid="step-comments"
    >
      <h3 className="step-section__title">Comments · {comments.length}</h3>
      {comments.length > 0 ? (
        <ul className="step-comments__list">
          {comments.map((comment) => (
            <li key={comment.id} className="step-comment" data-testid="step-comment">
              <p className="step-comment__text">{comment.text}</p>
              <p className="step-comment__who">
                {comment.authorName} · {shortLocalTime(comment.createdAtUtc, info.timeZone)}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {canComment && batch.status !== 'aborted' ? (
        <form className="step-comments__form" onSubmit={submit} noValidate>
          <TextAreaField
            label="Add a comment"
            value={text}
            onChange={setText}
            error={tried ? problem : undefined}
            testId="comment-text"
          />
          <FormError error={error?.toData() ?? null} />
          <button type="submit" className="button" disabled={pending} data-testid="comment-submit">
            {pending ? 'Adding…' : 'Add comment'}
          </button>
        </form>
      ) : null}
    </section>
  );
}
