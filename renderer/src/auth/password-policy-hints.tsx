import type { PasswordPolicy } from '../../../shared/security-settings';
import { policyChecklist } from './policy-checklist';

/** Live feedback while a new password is typed: each rule ticks when it is met. */
export function PasswordPolicyHints({
  policy,
  password,
  username,
  repeat,
  ownHistory = false,
}: {
  policy: PasswordPolicy;
  password: string;
  username: string;
  /** The repeated entry, when the form asks for one. */
  repeat?: string;
  /** Changing one's own password: the core also refuses the last N. */
  ownHistory?: boolean;
}) {
  const rules = policyChecklist(policy, password, username);
  if (repeat !== undefined) {
    rules.push({ text: 'Type the same password twice.', met: password !== '' && password === repeat });
  }
  return (
    <div className="policy" data-testid="policy-hints">
      <ul className="policy__list">
        {rules.map((rule) => (
          <li
            className={rule.met ? 'policy__rule policy__rule--met' : 'policy__rule'}
            key={rule.text}
            data-met={String(rule.met)}
          >
            <span className="policy__mark" aria-hidden="true">
              {rule.met ? '✓' : '○'}
            </span>
            <span className="policy__text">{rule.text}</span>
            <span className="visually-hidden">{rule.met ? ' (met)' : ' (not met yet)'}</span>
          </li>
        ))}
      </ul>
      {ownHistory && policy.historyCount > 0 ? (
        <p className="policy__note">
          Must differ from your last {policy.historyCount} passwords (checked on save).
        </p>
      ) : null}
    </div>
  );
}
