import { z } from 'zod';

/** Security settings (A11-10): changed only by an administrator, with a reason, audited. */
export const passwordPolicySchema = z.object({
  minLength: z.number().int().min(8).max(128),
  /** How many of the four classes (lowercase, uppercase, digit, symbol) a password must use. */
  requiredClasses: z.number().int().min(1).max(4),
  forbidUsername: z.boolean(),
  /** A new password may not equal any of the last N. */
  historyCount: z.number().int().min(0).max(24),
  /** Days until a password expires; 0 means never. */
  expiryDays: z.number().int().min(0).max(365),
});

export const securitySettingsSchema = z.object({
  passwordPolicy: passwordPolicySchema,
  /** Consecutive failed sign-ins or signatures that lock an account. */
  lockoutThreshold: z.number().int().min(3).max(10),
  /** Minutes of inactivity before the session locks. */
  sessionLockMinutes: z.number().int().min(1).max(60),
});

export type PasswordPolicy = z.infer<typeof passwordPolicySchema>;
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const defaultSecuritySettings: SecuritySettings = {
  passwordPolicy: {
    minLength: 10,
    requiredClasses: 3,
    forbidUsername: true,
    historyCount: 5,
    expiryDays: 90,
  },
  lockoutThreshold: 5,
  sessionLockMinutes: 5,
};

const characterClasses: { name: string; test: RegExp }[] = [
  { name: 'lowercase letters', test: /\p{Ll}/u },
  { name: 'uppercase letters', test: /\p{Lu}/u },
  { name: 'digits', test: /\p{Nd}/u },
  { name: 'symbols', test: /[^\p{L}\p{Nd}]/u },
];

/**
 * The rules a password can be checked against without any stored data; history is checked by
 * the service against stored hashes. Returns one message per broken rule, for people.
 */
export function passwordPolicyViolations(
  policy: PasswordPolicy,
  password: string,
  username: string,
): string[] {
  const violations: string[] = [];
  if ([...password].length < policy.minLength)
    violations.push(`Use at least ${policy.minLength} characters.`);
  const used = characterClasses.filter((characterClass) => characterClass.test.test(password)).length;
  if (used < policy.requiredClasses) {
    violations.push(
      `Use at least ${policy.requiredClasses} of: ${characterClasses.map((c) => c.name).join(', ')}.`,
    );
  }
  if (
    policy.forbidUsername &&
    username.length >= 3 &&
    password.toLowerCase().includes(username.toLowerCase())
  ) {
    violations.push('Do not include your username.');
  }
  return violations;
}
