import type { ExportDestinationView } from '../../../shared/contract/records';
import { fileSizeText } from '../backup/file-size';
import type { ChannelState } from '../ipc/use-channel';
import { ErrorNotice } from '../ui/error-notice';
import { LoadingNotice } from '../ui/loading-notice';
import { TextField } from '../ui/text-field';

const kindLabels: Record<ExportDestinationView['kind'], string> = {
  removable: 'Removable drive',
  network: 'Network share',
  fixed: 'Fixed drive',
  unknown: 'Drive',
};

function spaceText(destination: ExportDestinationView): string {
  if (destination.freeBytes === null) return 'free space unknown';
  const free = `${fileSizeText(destination.freeBytes)} free`;
  return destination.totalBytes === null ? free : `${free} of ${fileSizeText(destination.totalBytes)}`;
}

function DestinationCard({
  destination,
  chosen,
  disabled,
  onChoose,
}: {
  destination: ExportDestinationView;
  chosen: boolean;
  disabled: boolean;
  onChoose: () => void;
}) {
  const classes = [
    'destination',
    chosen ? 'destination--chosen' : null,
    destination.readOnly ? 'destination--read-only' : null,
  ];
  return (
    <li>
      <button
        type="button"
        className={classes.filter(Boolean).join(' ')}
        aria-pressed={chosen}
        disabled={disabled || destination.readOnly}
        onClick={onChoose}
        data-testid="export-destination"
        data-path={destination.path}
        data-kind={destination.kind}
      >
        <span className="destination__label">
          {destination.label}
          <span className="destination__kind">{kindLabels[destination.kind]}</span>
        </span>
        <code className="destination__path">{destination.path}</code>
        <span className="destination__space" data-testid="export-destination-space">
          {destination.readOnly ? 'Read-only: cannot be written' : spaceText(destination)}
          {destination.fileSystem ? ` · ${destination.fileSystem}` : ''}
        </span>
      </button>
    </li>
  );
}

/**
 * Where the packages go: the drives and shares the core finds (removable ones first, with their free
 * space), or any folder typed by its full path.
 */
export function DestinationChoice({
  destinations,
  onReload,
  folder,
  onFolderChange,
  error,
  disabled,
}: {
  destinations: ChannelState<ExportDestinationView[]>;
  onReload: () => void;
  folder: string;
  onFolderChange: (folder: string) => void;
  error: string | undefined;
  disabled: boolean;
}) {
  return (
    <div className="destination-choice" data-testid="destination-choice">
      <div className="destination-choice__head">
        <p className="destination-choice__title">Drives and shares on this terminal</p>
        <button
          type="button"
          className="button"
          onClick={onReload}
          disabled={disabled}
          data-testid="export-destinations-reload"
        >
          Look again
        </button>
      </div>
      {destinations.status === 'loading' ? <LoadingNotice what="drives" /> : null}
      {destinations.status === 'failed' ? (
        <ErrorNotice error={destinations.error.toData()} onRetry={onReload} />
      ) : null}
      {destinations.status === 'ready' && destinations.value.length === 0 ? (
        <p className="muted" data-testid="no-destinations">
          No USB drive or network share is mounted. Plug in a drive and choose “Look again”, or type a folder
          below.
        </p>
      ) : null}
      {destinations.status === 'ready' && destinations.value.length > 0 ? (
        <ul className="destination-choice__list" aria-label="Drives and shares">
          {destinations.value.map((destination) => (
            <DestinationCard
              key={destination.path}
              destination={destination}
              chosen={destination.path === folder.trim()}
              disabled={disabled}
              onChoose={() => onFolderChange(destination.path)}
            />
          ))}
        </ul>
      ) : null}
      <TextField
        label="Destination folder"
        value={folder}
        onChange={onFolderChange}
        error={error}
        hint="Full path of the folder the package folders are written into, e.g. /media/tina/USB-01 or E:\ — choosing a drive above fills it in."
        code
        wide
        readOnly={disabled}
        testId="export-destination-folder"
      />
    </div>
  );
}
