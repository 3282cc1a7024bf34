import { useState } from 'react';
import { Link } from 'react-router';
import { exportWriteInput } from '../../../shared/contract/records';
import { fieldError } from '../forms/field-error';
import { useChannel } from '../ipc/use-channel';
import { useSystemInfo } from '../system/system-info-context';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { Panel } from '../ui/panel';
import { ScreenHeader } from '../ui/screen-header';
import { BatchChoice } from './batch-choice';
import { DestinationChoice } from './destination-choice';
import { ExportFailure, ExportResult } from './export-outcome';
import { ExportProgress } from './export-progress';
import { exportableStatuses } from './record-statuses';
import { useExport } from './use-export';
import '../styles/batches.css';
import '../styles/records.css';

/**
 * Signed export packages (A11-4.8, A11-17): the Technician chooses finished batches and a drive;
 * each batch becomes a folder with its record PDF, its electronic copy and a signed manifest.
 */
export function ExportsScreen() {
  const { info } = useSystemInfo();
  const batches = useChannel('batches.list', { statuses: [...exportableStatuses] });
  const destinations = useChannel('exports.destinations', {});
  const { run, start } = useExport();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [folder, setFolder] = useState('');
  const [tried, setTried] = useState(false);
  const running = run.phase === 'running';
  const listed = batches.state.status === 'ready' ? batches.state.value : [];
  // Only batches still listed count (the list may have been reloaded since they were chosen).
  const batchIds = listed.filter((batch) => chosen.has(batch.id)).map((batch) => batch.id);
  const errors = {
    batchIds: fieldError(exportWriteInput.shape.batchIds, batchIds),
    folder: fieldError(exportWriteInput.shape.destinationDir, folder),
  };

  const exportChosen = () => {
    setTried(true);
    if (errors.batchIds || errors.folder) return;
    // Free space has changed: ask for the drives again once the export is over.
    void start(batchIds, folder.trim()).then(destinations.reload);
  };

  return (
    <div className="screen exports-screen" data-testid="exports-screen">
      <ScreenHeader
        title="Export"
        purpose="Copies finished batches onto a USB drive or share as signed packages: per batch a folder with the batch record PDF, its electronic copy (JSON), a manifest signed by this terminal and instructions to check it with openssl and sha256sum. Each export is recorded in the audit trail."
        action={
          <Link className="button button--large" to="/exports/verify" data-testid="open-verify-package">
            Verify a package…
          </Link>
        }
      />
      {/* Not a form: Enter in the search field must not start an export. */}
      <div className="panels" data-testid="export-form">
        <Panel title="1 · Batches" wide>
          {batches.state.status === 'loading' ? <LoadingNotice what="batches" /> : null}
          {batches.state.status === 'failed' ? (
            <ErrorNotice error={batches.state.error.toData()} onRetry={batches.reload} />
          ) : null}
          {batches.state.status === 'ready' ? (
            <BatchChoice
              batches={batches.state.value}
              chosen={chosen}
              onChange={setChosen}
              timeZone={info.timeZone}
              disabled={running}
            />
          ) : null}
          {tried && errors.batchIds ? (
            <p className="field__error" data-testid="export-batches-error">
              {errors.batchIds}
            </p>
          ) : null}
        </Panel>
        <Panel title="2 · Destination" wide>
          <DestinationChoice
            destinations={destinations.state}
            onReload={destinations.reload}
            folder={folder}
            onFolderChange={setFolder}
            error={tried ? errors.folder : undefined}
            disabled={running}
          />
        </Panel>
        <Panel title="3 · Export" wide>
          <div className="export-run" data-testid="export-run">
            <p className="export-run__summary" data-testid="export-summary">
              {batchIds.length === 0
                ? 'Choose at least one batch above.'
                : `${batchIds.length} ${batchIds.length === 1 ? 'package' : 'packages'} into `}
              {batchIds.length > 0 ? (
                folder.trim() ? (
                  <code className="inline-code">{folder.trim()}</code>
                ) : (
                  'the destination folder (not chosen yet)'
                )
              ) : null}
            </p>
            <div className="form__actions">
              <button
                type="button"
                className="button button--primary button--large"
                onClick={exportChosen}
                disabled={running}
                data-testid="export-submit"
              >
                {running ? 'Exporting…' : 'Export'}
              </button>
              {running ? (
                <span className="muted">
                  Each file is written, flushed and read back before the package is named.
                </span>
              ) : null}
            </div>
            {run.phase === 'running' || run.phase === 'done' ? <ExportProgress run={run} /> : null}
            {run.phase === 'done' ? <ExportResult packages={run.result.packages} /> : null}
            {run.phase === 'failed' ? (
              <ExportFailure error={run.error} onRetry={exportChosen} retrying={running} />
            ) : null}
          </div>
        </Panel>
      </div>
    </div>
  );
}
