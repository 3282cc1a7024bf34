import { useState, type FormEvent } from 'react';
import type { SecuritySettings } from '../../../shared/security-settings';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { CheckboxField } from '../ui/checkbox-field';
import { FormError } from '../ui/form-error';
import { NumberField } from './number-field';
import { fromDraft, toDraft, type DraftField, type SettingsDraft } from './settings-draft';

/** Password policy, lockout and session lock (A11-10): saved only with a reason, audited by the core. */
export function SecuritySettingsForm({
  settings,
  onSaved,
}: {
  settings: SecuritySettings;
  onSaved: (settings: SecuritySettings) => void;
}) {
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(settings));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const parsed = fromDraft(draft);
  const fieldErrors = tried && !parsed.ok ? parsed.errors : {};
  const unchanged = JSON.stringify(draft) === JSON.stringify(toDraft(settings));

  const set = (field: DraftField) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!parsed.ok || reasonError(reason) || unchanged) return;
    const saved = await run(() => call('settings.update', { settings: parsed.settings, reason }));
    if (saved) {
      setReason('');
      setTried(false);
      setDraft(toDraft(saved));
      onSaved(saved);
    }
  };

  return (
    <form className="form settings-form" onSubmit={submit} noValidate>
      <fieldset className="settings-form__group">
        <legend className="settings-form__legend">Password policy</legend>
        <div className="form__row">
          <NumberField
            label="Minimum length"
            value={draft.minLength}
            onChange={set('minLength')}
            error={fieldErrors.minLength}
            hint="Characters, 8 to 128."
            testId="setting-min-length"
          />
          <NumberField
            label="Character classes required"
            value={draft.requiredClasses}
            onChange={set('requiredClasses')}
            error={fieldErrors.requiredClasses}
            hint="Of lowercase, uppercase, digits, symbols: 1 to 4."
            testId="setting-required-classes"
          />
          <NumberField
            label="Password history"
            value={draft.historyCount}
            onChange={set('historyCount')}
            error={fieldErrors.historyCount}
            hint="A new password may not repeat the last N (0 to 24)."
            testId="setting-history"
          />
          <NumberField
            label="Expiry (days)"
            value={draft.expiryDays}
            onChange={set('expiryDays')}
            error={fieldErrors.expiryDays}
            hint="0 means passwords never expire; at most 365."
            testId="setting-expiry"
          />
        </div>
        <CheckboxField
          checked={draft.forbidUsername}
          onChange={(forbidUsername) => setDraft((current) => ({ ...current, forbidUsername }))}
          testId="setting-forbid-username"
        >
          A password may not contain the username
        </CheckboxField>
      </fieldset>
      <fieldset className="settings-form__group">
        <legend className="settings-form__legend">Sign-in and session</legend>
        <div className="form__row">
          <NumberField
            label="Lockout threshold"
            value={draft.lockoutThreshold}
            onChange={set('lockoutThreshold')}
            error={fieldErrors.lockoutThreshold}
            hint="Consecutive failed sign-ins or signatures that lock an account (3 to 10)."
            testId="setting-lockout"
          />
          <NumberField
            label="Lock after inactivity (minutes)"
            value={draft.sessionLockMinutes}
            onChange={set('sessionLockMinutes')}
            error={fieldErrors.sessionLockMinutes}
            hint="1 to 60 minutes without input locks the session."
            testId="setting-lock-minutes"
          />
        </div>
      </fieldset>
      <ReasonField value={reason} onChange={setReason} error={tried ? reasonError(reason) : undefined} />
      {tried && unchanged ? <p className="field__error">Nothing was changed.</p> : null}
      <FormError error={error?.toData() ?? null} />
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary button--large"
          disabled={pending}
          data-testid="settings-save"
        >
          {pending ? 'Saving…' : 'Save settings'}
        </button>
        <button
          type="button"
          className="button button--large"
          disabled={pending || unchanged}
          onClick={() => {
            setDraft(toDraft(settings));
            setTried(false);
          }}
        >
          Discard changes
        </button>
      </div>
    </form>
  );
}
