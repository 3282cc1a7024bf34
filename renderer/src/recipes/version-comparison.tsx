import { useState } from 'react';
import type { RecipeVersionSummary, RecipeVersionView } from '../../../shared/contract/recipes';
import { useChannel } from '../ipc/use-channel';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { SelectField } from '../ui/select-field';
import { defaultComparison, otherVersions } from './default-comparison';
import { RecipeDiffView } from './recipe-diff-view';
import { statusLabels } from './recipe-status';

function versionWords(version: RecipeVersionSummary): string {
  return `${version.versionLabel} (${statusLabels[version.status]})`;
}

/** The other version loaded, then the diff from it to this one. */
function ComparedWith({ versionId, current }: { versionId: string; current: RecipeVersionView }) {
  const { state, reload } = useChannel('recipes.get', { versionId });
  if (state.status === 'loading') return <LoadingNotice what="the version to compare with" />;
  if (state.status === 'failed') return <ErrorNotice error={state.error.toData()} onRetry={reload} />;
  return (
    <RecipeDiffView
      before={state.value.recipe}
      after={current.recipe}
      beforeLabel={`Version ${versionWords(state.value)}`}
      afterLabel={`Version ${current.versionLabel} (this one)`}
    />
  );
}

/**
 * "What changed": this version against another of the same recipe code — by default the one in
 * use (effective), else the one imported before it; the reviewer may choose another or none.
 */
export function VersionComparison({
  version,
  versions,
}: {
  version: RecipeVersionView;
  versions: readonly RecipeVersionSummary[];
}) {
  const others = otherVersions(version, versions);
  const [compareId, setCompareId] = useState(defaultComparison(version, versions)?.id ?? '');
  if (others.length === 0) {
    return (
      <Panel title="Changes from another version" wide>
        <p className="lead muted" data-testid="no-comparison">
          This is the only version of {version.code}: there is nothing to compare it with.
        </p>
      </Panel>
    );
  }
  return (
    <Panel title="Changes from another version" wide>
      <div className="comparison__picker">
        <SelectField
          label="Compare with…"
          value={compareId}
          onChange={setCompareId}
          testId="compare-with"
          options={[
            ...others.map((other) => ({ value: other.id, label: `Version ${versionWords(other)}` })),
            { value: '', label: 'No comparison' },
          ]}
        />
      </div>
      {compareId ? (
        <ComparedWith key={compareId} versionId={compareId} current={version} />
      ) : (
        <p className="lead muted">Choose a version to see what changed.</p>
      )}
    </Panel>
  );
}
