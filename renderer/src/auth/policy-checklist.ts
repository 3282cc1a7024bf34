import { passwordPolicyViolations, type PasswordPolicy } from '../../../shared/security-settings';

export interface PolicyRule {
  text: string;
  met: boolean;
}

/**
 * The policy as a checklist, in the shared function's own words: each rule is checked alone by
 * switching the other two off, and its text is the message it gives for a password that breaks it.
 */
export function policyChecklist(policy: PasswordPolicy, password: string, username: string): PolicyRule[] {
  const only = (rule: Partial<PasswordPolicy>): PasswordPolicy => ({
    ...policy,
    minLength: 0,
    requiredClasses: 0,
    forbidUsername: false,
    ...rule,
  });
  const rules: { policy: PasswordPolicy; breaking: string }[] = [
    { policy: only({ minLength: policy.minLength }), breaking: '' },
    { policy: only({ requiredClasses: policy.requiredClasses }), breaking: '' },
  ];
  if (policy.forbidUsername && username.length >= 3) {
    rules.push({ policy: only({ forbidUsername: true }), breaking: username });
  }
  return rules.flatMap((rule) => {
    const text = passwordPolicyViolations(rule.policy, rule.breaking, username)[0];
    if (text === undefined) return [];
    return [
      {
        text,
        met: password !== '' && passwordPolicyViolations(rule.policy, password, username).length === 0,
      },
    ];
  });
}

/** True when the password breaks no rule that can be checked here (history is checked by the core). */
export function meetsPolicy(policy: PasswordPolicy, password: string, username: string): boolean {
  return passwordPolicyViolations(policy, password, username).length === 0;
}
