import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useChannel } from '../ipc/use-channel';
import { ErrorNotice } from '../ui/error-notice';
import { Flash } from '../ui/flash';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { BillOfMaterials } from './bill-of-materials';
import { EquipmentList } from './equipment-list';
import { LifecyclePanel } from './lifecycle-panel';
import { ProcedureView } from './procedure-view';
import { RecipeHeader } from './recipe-header';
import { importedFrom } from './recipe-nav-state';
import { VersionComparison } from './version-comparison';

/** One version, readable from top to bottom: what it is, its status and signatures, what changed, then all of it. */
function RecipeVersionScreen({ versionId }: { versionId: string }) {
  const { state, reload } = useChannel('recipes.get', { versionId });
  const list = useChannel('recipes.list', {});
  const location = useLocation();
  const file = importedFrom(location.state);
  const [flash, setFlash] = useState<string | null>(file ? `Imported from ${file} as a Draft.` : null);
  const refresh = (message: string) => {
    setFlash(message);
    reload();
    list.reload();
  };

  const back = (
    <Link className="button button--large" to="/recipes" data-testid="all-recipes">
      All recipes
    </Link>
  );
  if (state.status !== 'ready') {
    return (
      <div className="screen">
        <ScreenHeader title="Master recipe" action={back} />
        {state.status === 'loading' ? <LoadingNotice what="the recipe" /> : null}
        {state.status === 'failed' ? <ErrorNotice error={state.error.toData()} onRetry={reload} /> : null}
      </div>
    );
  }
  const version = state.value;
  const { recipe } = version;
  const operations = recipe.procedure.operations.length;
  return (
    <div
      className="screen recipe-screen"
      data-testid="recipe-screen"
      data-status={version.status}
      data-version-id={version.id}
    >
      <ScreenHeader title={`${version.code} · version ${version.versionLabel}`} action={back} />
      <Flash message={flash} />
      <RecipeHeader version={version} />
      <LifecyclePanel
        version={version}
        versions={list.state.status === 'ready' ? list.state.value : []}
        onChanged={refresh}
      />
      {list.state.status === 'ready' ? (
        // A new status can change what is compared by default (the effective version).
        <VersionComparison
          key={`${version.id}-${version.status}`}
          version={version}
          versions={list.state.value}
        />
      ) : null}
      <Panel title={`Bill of materials · ${recipe.materials.length}`} wide>
        <BillOfMaterials recipe={recipe} />
      </Panel>
      <Panel title={`Equipment · ${recipe.equipment.length}`} wide>
        <EquipmentList recipe={recipe} />
      </Panel>
      <Panel
        title={`Procedure · ${version.stepCount} steps in ${operations} ${operations === 1 ? 'operation' : 'operations'}`}
        wide
      >
        <ProcedureView recipe={recipe} />
      </Panel>
    </div>
  );
}

export function RecipeScreen() {
  const { versionId = '' } = useParams();
  return <RecipeVersionScreen key={versionId} versionId={versionId} />;
}
