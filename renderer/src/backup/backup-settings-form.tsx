import { useState, type FormEvent } from 'react';
import { backupSettingsSchema, type BackupSettingsValue } from '../../../shared/backup-settings';
import type { BackupSettingsView } from '../../../shared/contract/backup';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { FormError } from '../ui/form-error';
import { TextField } from '../ui/text-field';

interface Draft {
  folder: string;
  timeOfDay: string;
}

const draftOf = (settings: BackupSettingsValue): Draft => ({
  folder: settings.folder ?? '',
  timeOfDay: settings.timeOfDay,
});

/** An empty folder turns the daily backup off; otherwise the core's schema judges the values. */
function parse(draft: Draft) {
  const candidate = {
    folder: draft.folder.trim() === '' ? null : draft.folder.trim(),
    timeOfDay: draft.timeOfDay.trim(),
  };
  const parsed = backupSettingsSchema.safeParse(candidate);
  const errors: Partial<Record<keyof Draft, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof Draft] ??= issue.message;
  }
  return { settings: parsed.success ? parsed.data : null, errors };
}

/** Folder and daily time: changed by an administrator (settings.manage) with a reason, audited. */
export function BackupSettingsForm({
  view,
  timeZone,
  onSaved,
}: {
  view: BackupSettingsView;
  timeZone: string;
  onSaved: (view: BackupSettingsView) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.settings));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const { settings, errors } = parse(draft);
  const unchanged = settings !== null && JSON.stringify(settings) === JSON.stringify(view.settings);
  const shown = (field: keyof Draft) => (tried ? errors[field] : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!settings || reasonError(reason) || unchanged) return;
    const saved = await run(() => call('backup.settings.update', { settings, reason }));
    if (saved) {
      setReason('');
      setTried(false);
      setDraft(draftOf(saved.settings));
      onSaved(saved);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="backup-settings-form">
      <TextField
        label="Backup folder"
        value={draft.folder}
        onChange={(folder) => setDraft((current) => ({ ...current, folder }))}
        error={shown('folder')}
        hint="Absolute path, ideally on another disk or a network share. Empty: no daily backup."
        code
        wide
        testId="backup-folder"
      />
      <div className="backup-settings__time">
        <TextField
          label="Daily at (HH:MM)"
          value={draft.timeOfDay}
          onChange={(timeOfDay) => setDraft((current) => ({ ...current, timeOfDay }))}
          error={shown('timeOfDay')}
          hint={`24-hour clock, local time (${timeZone}). A missed time is caught up at the next start.`}
          inputMode="numeric"
          testId="backup-time"
        />
      </div>
      <ReasonField value={reason} onChange={setReason} error={tried ? reasonError(reason) : undefined} />
      {tried && unchanged ? <p className="field__error">Nothing was changed.</p> : null}
      <FormError error={error?.toData() ?? null} />
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary button--large"
          disabled={pending}
          data-testid="backup-settings-save"
        >
          {pending ? 'Saving…' : 'Save backup settings'}
        </button>
      </div>
    </form>
  );
}
