import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { RecipeStatus } from '../../../shared/contract/recipes';
import { useChannel } from '../ipc/use-channel';
import { usePermission } from '../shell/use-permission';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { ScreenHeader } from '../ui/screen-header';
import { SelectField } from '../ui/select-field';
import { ImportProblems } from './import-problems';
import { ImportRecipeButton } from './import-recipe-button';
import type { ImportRefusal } from './import-refusal';
import { RecipeGroupCard } from './recipe-group-card';
import { countByStatus, groupByCode } from './recipe-groups';
import type { RecipeImportedState } from './recipe-nav-state';
import { statusLabels, statusOrder } from './recipe-status';

/** Master recipes by code, every version with its status; authors import new versions here. */
export function RecipesScreen() {
  const { state, reload } = useChannel('recipes.list', {});
  const canImport = usePermission('recipes.author');
  const navigate = useNavigate();
  const [status, setStatus] = useState<RecipeStatus | 'all'>('all');
  const [refusal, setRefusal] = useState<ImportRefusal | null>(null);
  const versions = state.status === 'ready' ? state.value : [];
  const counts = countByStatus(versions);
  const groups = groupByCode(versions, status);

  return (
    <div className="screen">
      <ScreenHeader
        title="Master recipes"
        purpose="Every version of every recipe and where it stands: imported as a draft, reviewed and approved by QA, then effective for new batches."
        action={
          canImport ? (
            <ImportRecipeButton
              onRefused={setRefusal}
              onImported={(version, fileName) =>
                navigate(`/recipes/${version.id}`, {
                  state: { importedFrom: fileName } satisfies RecipeImportedState,
                })
              }
            />
          ) : undefined
        }
      />
      {refusal ? <ImportProblems refusal={refusal} onDismiss={() => setRefusal(null)} /> : null}
      {state.status === 'loading' ? <LoadingNotice what="recipes" /> : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <>
          <div className="recipes-filter">
            <SelectField
              label="Show"
              value={status}
              onChange={(value) => setStatus(value as RecipeStatus | 'all')}
              testId="recipe-status-filter"
              options={[
                { value: 'all', label: `All statuses (${versions.length})` },
                ...statusOrder.map((value) => ({
                  value,
                  label: `${statusLabels[value]} (${counts[value]})`,
                })),
              ]}
            />
          </div>
          {versions.length === 0 ? (
            <p className="lead muted" data-testid="no-recipes">
              No recipe has been imported yet.
              {canImport ? ' Use “Import recipe…” to add one from a file.' : ''}
            </p>
          ) : groups.length === 0 ? (
            <p className="lead muted" data-testid="no-recipes-in-filter">
              No version is {statusLabels[status as RecipeStatus].toLowerCase()}.
            </p>
          ) : (
            <div className="recipe-groups" data-testid="recipe-groups">
              {groups.map((group) => (
                <RecipeGroupCard key={group.code} group={group} />
              ))}
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}
