import { useState } from 'react';
import type { RecipeVersionSummary, RecipeVersionView } from '../../../shared/contract/recipes';
import { rolesGrant } from '../../../shared/permissions';
import { useSignedInUser } from '../session/session-context';
import { SignatureBlock } from '../signatures/signature-block';
import { useSystemInfo } from '../system/system-info-context';
import { Panel } from '../ui/panel';
import { DecisionDialog } from './decision-dialog';
import { availableActions, type LifecycleAction } from './lifecycle-actions';
import { MakeEffectiveDialog } from './make-effective-dialog';
import { RecipeStatusBadge } from './recipe-status-badge';
import { statusMeanings } from './recipe-status';
import { shortLocalTime } from './recipe-time';
import { RetireDialog } from './retire-dialog';
import { SubmitDialog } from './submit-dialog';

const buttons: Record<LifecycleAction, { label: string; className: string }> = {
  submit: { label: 'Submit for review…', className: 'button button--primary button--large' },
  approve: { label: 'Approve…', className: 'button button--primary button--large' },
  reject: { label: 'Reject…', className: 'button button--danger-outline button--large' },
  'make-effective': { label: 'Make effective…', className: 'button button--primary button--large' },
  retire: { label: 'Retire…', className: 'button button--danger-outline button--large' },
};

const done: Record<LifecycleAction, string> = {
  submit: 'Submitted for review.',
  approve: 'Approved and signed “Approved”.',
  reject: 'Rejected and signed “Rejected”.',
  'make-effective': 'Made effective.',
  retire: 'Retired.',
};

/** Status, the signatures on the version, and what the signed-in user may do with it next. */
export function LifecyclePanel({
  version,
  versions,
  onChanged,
}: {
  version: RecipeVersionView;
  versions: readonly RecipeVersionSummary[];
  onChanged: (message: string) => void;
}) {
  const user = useSignedInUser();
  const { info } = useSystemInfo();
  const [open, setOpen] = useState<LifecycleAction | null>(null);
  const actions = availableActions(version, (permission) => !!user && rolesGrant(user.roles, permission));
  const inUse =
    versions.find(
      (other) => other.code === version.code && other.status === 'effective' && other.id !== version.id,
    ) ?? null;
  const finish = (action: LifecycleAction, view: RecipeVersionView) => {
    setOpen(null);
    onChanged(
      action === 'make-effective' && view.status === 'approved' && view.effectiveFromUtc
        ? `Scheduled to become effective on ${shortLocalTime(view.effectiveFromUtc, info.timeZone)}.`
        : done[action],
    );
  };
  const close = () => setOpen(null);
  const isAuthor = user?.id === version.authorUserId;

  return (
    <Panel title="Status and signatures" wide>
      <div className="lifecycle" data-testid="lifecycle">
        <div className="lifecycle__status">
          <RecipeStatusBadge status={version.status} large />
          <p className="lifecycle__meaning">
            {version.status === 'approved' && version.effectiveFromUtc
              ? `Scheduled to become effective on ${shortLocalTime(version.effectiveFromUtc, info.timeZone)}.`
              : statusMeanings[version.status]}
          </p>
        </div>
        {version.signatures.length > 0 ? (
          <div className="lifecycle__signatures" data-testid="recipe-signatures">
            {version.signatures.map((signature) => (
              <SignatureBlock key={signature.id} signature={signature} />
            ))}
          </div>
        ) : (
          <p className="muted" data-testid="no-signatures">
            No signature on this version yet.
          </p>
        )}
        {version.status === 'in-review' && isAuthor && actions.includes('approve') ? (
          <p className="lifecycle__note" data-testid="author-note">
            You imported this version. Its approval must come from a different person with the QA role.
          </p>
        ) : null}
        {actions.length > 0 ? (
          <div className="lifecycle__actions">
            {actions.map((action) => (
              <button
                type="button"
                key={action}
                className={buttons[action].className}
                onClick={() => setOpen(action)}
                data-testid={`recipe-${action}`}
              >
                {buttons[action].label}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {open === 'submit' ? (
        <SubmitDialog version={version} onClose={close} onSubmitted={(view) => finish('submit', view)} />
      ) : null}
      {open === 'approve' || open === 'reject' ? (
        <DecisionDialog
          version={version}
          decision={open}
          onClose={close}
          onDecided={(view) => finish(open, view)}
        />
      ) : null}
      {open === 'make-effective' ? (
        <MakeEffectiveDialog
          version={version}
          inUse={inUse}
          onClose={close}
          onDone={(view) => finish('make-effective', view)}
        />
      ) : null}
      {open === 'retire' ? (
        <RetireDialog version={version} onClose={close} onRetired={(view) => finish('retire', view)} />
      ) : null}
    </Panel>
  );
}
