import { useState, type FormEvent } from 'react';
import {
  backupFileField,
  recoveryKeyField,
  type BackupVerificationView,
} from '../../../shared/contract/backup';
import { formatUtcInstant } from '../format/time';
import { formatZoned, zonedTime } from '../format/zoned-time';
import { fieldError, hasErrors } from '../forms/field-error';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { FactList } from '../ui/fact-list';
import { FormError } from '../ui/form-error';
import { StatusBadge } from '../ui/status-badge';
import { TextField } from '../ui/text-field';
import { fileSizeText } from './file-size';

const problemLabels: Record<string, string> = {
  truncated: 'Truncated',
  'size-mismatch': 'Size differs from the manifest',
  'hash-mismatch': 'SHA-256 differs from the manifest',
  'manifest-missing': 'Manifest missing',
  'manifest-invalid': 'Manifest not readable',
  'manifest-signature': 'Manifest signature invalid',
  'archive-invalid': 'Archive damaged',
  'backup-missing': 'File not found',
  'wrong-key': 'Wrong recovery key',
  'integrity-check': 'Database integrity check failed',
  'schema-too-new': 'Made by a newer application',
  'audit-chain': 'Audit trail broken',
  signatures: 'Invalid electronic signatures',
};

function VerificationResult({ result, timeZone }: { result: BackupVerificationView; timeZone: string }) {
  if (result.verdict === 'refused') {
    return (
      <div
        className="backup-verdict backup-verdict--refused"
        role="alert"
        data-testid="verify-result"
        data-verdict="refused"
      >
        <StatusBadge tone="fail">
          {result.damaged ? 'REFUSED — this backup cannot be restored' : 'Not verified'}
        </StatusBadge>
        <p className="backup-verdict__problem" data-testid="verify-problem">
          {problemLabels[result.problem] ?? result.problem}
        </p>
        <p>{result.message}</p>
      </div>
    );
  }
  const made = zonedTime(result.createdAtUtc, timeZone);
  return (
    <div
      className="backup-verdict backup-verdict--verified"
      role="status"
      data-testid="verify-result"
      data-verdict="verified"
    >
      <StatusBadge tone="ok">Verified — this backup can be restored</StatusBadge>
      <FactList
        facts={[
          {
            label: 'Made',
            value: `${made ? formatZoned(made) : formatUtcInstant(result.createdAtUtc)} on ${result.terminalName} (${result.trigger})`,
          },
          { label: 'Application', value: result.applicationVersion },
          { label: 'Size', value: fileSizeText(result.size) },
          { label: 'SHA-256', value: result.sha256, code: true },
          {
            label: 'Checked',
            value: `SHA-256, integrity check, ${result.auditRows} audit rows, ${result.checkpoints} signed checkpoints, ${result.signaturesValid} signatures`,
          },
        ]}
      />
    </div>
  );
}

/**
 * "Can this backup still be restored?" (A11-7.2): every check a restore makes, in a temporary
 * folder, keeping nothing. Needs the recovery key; it is sent to the core once and not kept here.
 */
export function VerifyBackupForm({
  file,
  timeZone,
  onFileChange,
}: {
  file: string;
  timeZone: string;
  onFileChange: (file: string) => void;
}) {
  const [recoveryKey, setRecoveryKey] = useState('');
  const [tried, setTried] = useState(false);
  const [result, setResult] = useState<BackupVerificationView | null>(null);
  const { pending, error, run } = useSubmit();
  const errors = {
    file: fieldError(backupFileField, file),
    recoveryKey: fieldError(recoveryKeyField, recoveryKey),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (hasErrors(errors)) return;
    setResult(null);
    const answer = await run(() => call('backup.verify', { file: file.trim(), recoveryKey }));
    setRecoveryKey('');
    setTried(false);
    if (answer) setResult(answer);
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="verify-backup-form">
      <TextField
        label="Backup file"
        value={file}
        onChange={onFileChange}
        error={tried ? errors.file : undefined}
        hint="Full path of the .ebrbak file; its .manifest.json must be beside it."
        code
        wide
        testId="verify-file"
      />
      <TextField
        label="Recovery key"
        value={recoveryKey}
        onChange={setRecoveryKey}
        error={tried ? errors.recoveryKey : undefined}
        hint="The 64-digit key shown once at setup (dashes optional). It is not stored."
        code
        wide
        testId="verify-recovery-key"
      />
      <FormError error={error?.toData() ?? null} />
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary button--large"
          disabled={pending}
          data-testid="verify-submit"
        >
          {pending ? 'Verifying…' : 'Verify backup'}
        </button>
        {pending ? <span className="muted">Every check a restore makes; this can take a while.</span> : null}
      </div>
      {result ? <VerificationResult result={result} timeZone={timeZone} /> : null}
    </form>
  );
}
