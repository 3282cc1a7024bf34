import { useState } from 'react';
import type { BackupCreatedView } from '../../../shared/contract/backup';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { FactList } from '../ui/fact-list';
import { FormError } from '../ui/form-error';
import { StatusBadge } from '../ui/status-badge';
import { fileSizeText } from './file-size';

/**
 * A backup now into the configured folder. The application keeps running; the database is copied
 * encrypted, so the backup is unreadable without the recovery key.
 */
export function BackupNow({ folder, onCreated }: { folder: string | null; onCreated: () => void }) {
  const { pending, error, run } = useSubmit();
  const [created, setCreated] = useState<BackupCreatedView | null>(null);

  const backUp = async () => {
    setCreated(null);
    const result = await run(() => call('backup.create', {}));
    if (result) {
      setCreated(result);
      onCreated();
    }
  };

  return (
    <div className="backup-now" data-testid="backup-now">
      <p className="lead">
        {folder ? (
          <>
            Into <code className="inline-code">{folder}</code>. Encrypted as the database is, with a signed
            manifest beside it.
          </>
        ) : (
          'No backup folder is configured yet: an administrator sets it under Backup settings.'
        )}
      </p>
      <div className="form__actions">
        <button
          type="button"
          className="button button--primary button--large"
          onClick={() => void backUp()}
          disabled={pending || !folder}
          data-testid="backup-now-button"
        >
          {pending ? 'Backing up…' : 'Back up now'}
        </button>
        {pending ? (
          <span className="muted">The workstation answers again when the copy is written.</span>
        ) : null}
      </div>
      <FormError error={error?.toData() ?? null} />
      {created ? (
        <div className="backup-result" role="status" data-testid="backup-result">
          <StatusBadge tone="ok">Backup written and audited</StatusBadge>
          <FactList
            facts={[
              { label: 'File', value: created.path, code: true, testId: 'backup-result-file' },
              { label: 'Manifest', value: created.manifestPath, code: true },
              { label: 'Size', value: `${fileSizeText(created.size)} (${created.size} bytes)` },
              { label: 'SHA-256', value: created.sha256, code: true, testId: 'backup-result-sha256' },
              { label: 'Audit trail up to row', value: created.auditSeq },
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
