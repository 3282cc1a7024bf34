import { useState, type FormEvent } from 'react';
import type { TerminalView } from '../../../shared/contract/identity';
import { ReasonField, reasonError } from '../forms/reason-field';
import { useSubmit } from '../forms/use-submit';
import { call } from '../ipc/client';
import { CheckboxField } from '../ui/checkbox-field';
import { Dialog } from '../ui/dialog';
import { DialogActions } from '../ui/dialog-actions';
import { FormError } from '../ui/form-error';
import { GroupedCode } from '../ui/grouped-code';

export type TerminalChange = 'register' | 'revoke';

/**
 * Register after comparing the fingerprint with the one on the terminal's own System screen;
 * revoke only after confirming what it does. Both with a reason.
 */
export function TerminalChangeDialog({
  terminal,
  change,
  onClose,
  onDone,
}: {
  terminal: TerminalView;
  change: TerminalChange;
  onClose: () => void;
  onDone: (terminal: TerminalView) => void;
}) {
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [tried, setTried] = useState(false);
  const { pending, error, run } = useSubmit();
  const revoking = change === 'revoke';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reasonError(reason) || !confirmed) return;
    const input = { terminalId: terminal.id, reason };
    const changed = await run(() =>
      revoking ? call('terminals.revoke', input) : call('terminals.register', input),
    );
    if (changed) onDone(changed);
  };

  return (
    <Dialog
      title={`${revoking ? 'Revoke' : 'Register'} terminal ${terminal.name}`}
      onClose={onClose}
      tone={revoking ? 'danger' : 'normal'}
      testId={`${change}-terminal-dialog`}
    >
      <form className="form" onSubmit={submit} noValidate>
        <div className="fingerprint-box">
          <p className="fingerprint-box__label">Key fingerprint</p>
          <GroupedCode value={terminal.fingerprint} testId={`${change}-fingerprint`} />
        </div>
        <CheckboxField
          checked={confirmed}
          onChange={setConfirmed}
          testId="terminal-confirm"
          tone="attention"
          detail={
            revoking
              ? 'Afterwards only administrators can sign in there, and it can execute nothing until registered again.'
              : 'Read it group by group against the System screen of the terminal itself.'
          }
        >
          {revoking
            ? `I want to revoke ${terminal.name}${terminal.isThisTerminal ? ' — the terminal I am using now' : ''}`
            : 'The fingerprint matches the one shown on the terminal'}
        </CheckboxField>
        {tried && !confirmed ? <p className="field__error">Tick the box to confirm.</p> : null}
        <ReasonField value={reason} onChange={setReason} error={tried ? reasonError(reason) : undefined} />
        <FormError error={error?.toData() ?? null} />
        <DialogActions
          submitLabel={revoking ? 'Revoke terminal' : 'Register terminal'}
          pendingLabel={revoking ? 'Revoking…' : 'Registering…'}
          pending={pending}
          onCancel={onClose}
          danger={revoking}
        />
      </form>
    </Dialog>
  );
}
