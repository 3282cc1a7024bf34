import type { BackupRecordView } from '../../../shared/contract/backup';
import { localClockParts, utcClockParts } from '../format/time';
import { DataTable, type Column } from '../ui/data-table';
import { StatusBadge } from '../ui/status-badge';
import { fileSizeText } from './file-size';

/** Local time with its zone, then UTC: when the backup was made. */
function BackupTime({ iso, timeZone }: { iso: string; timeZone: string }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span className="table__time">{iso}</span>;
  const local = localClockParts(date, timeZone);
  const utc = utcClockParts(date);
  return (
    <span className="table__stack">
      <span>
        {local.date} {local.time.slice(0, 5)} {local.zone}
      </span>
      <span className="table__time">
        {utc.date} {utc.time.slice(0, 5)} UTC
      </span>
    </span>
  );
}

/** The latest backups, newest first, from the audit trail (`backup.created`). */
export function BackupList({
  backups,
  timeZone,
  onVerify,
}: {
  backups: readonly BackupRecordView[];
  timeZone: string;
  onVerify: (backup: BackupRecordView) => void;
}) {
  const columns: Column<BackupRecordView>[] = [
    {
      header: 'Made',
      cell: (backup) => (
        <span className="table__stack">
          <BackupTime iso={backup.atUtc} timeZone={timeZone} />
          <StatusBadge tone="neutral" compact testId="backup-trigger">
            {backup.trigger === 'scheduled' ? 'Scheduled' : 'Manual'}
          </StatusBadge>
        </span>
      ),
    },
    {
      header: 'File',
      cell: (backup) => (
        <span className="table__stack">
          <span className="backup-list__file" data-testid="backup-file">
            {backup.file}
          </span>
          <span className="table__sub backup-list__folder">{backup.folder}</span>
        </span>
      ),
    },
    {
      header: 'Size · SHA-256',
      cell: (backup) => (
        <span className="table__stack">
          <span className="backup-list__size" title={`${backup.size} bytes`}>
            {fileSizeText(backup.size)}
          </span>
          <code className="backup-list__hash" title={backup.sha256} data-testid="backup-sha256">
            {backup.sha256.slice(0, 12)}…
          </code>
        </span>
      ),
    },
    {
      header: 'Actions',
      align: 'end',
      cell: (backup) => (
        <button type="button" className="button" onClick={() => onVerify(backup)} data-testid="row-verify">
          Verify…
        </button>
      ),
    },
  ];
  return (
    <DataTable
      caption="Recent backups"
      columns={columns}
      rows={backups}
      rowKey={(backup) => `${backup.folder}/${backup.file}`}
      rowTestId="backup-row"
      empty="No backup has been made yet."
    />
  );
}
