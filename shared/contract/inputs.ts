import { z } from 'zod';
import { safeText } from '../text/safe-text';
import { roles } from '../permissions';
import { securitySettingsSchema } from '../security-settings';

/** Field schemas shared by channels and forms, so both say the same thing about a bad value. */
export const usernameField = safeText()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z][a-z0-9._-]{2,31}$/,
    'Username: 3–32 characters, lowercase letters, digits, dot, dash or underscore, starting with a letter.',
  );

export const fullNameField = safeText()
  .trim()
  .min(2, 'Enter the full printed name.')
  .max(120, 'At most 120 characters.');

/** Policy (length, classes, history) is checked by the service against the current settings. */
export const passwordField = safeText().min(1, 'Enter the password.').max(256, 'At most 256 characters.');

export const reasonField = safeText()
  .trim()
  .min(3, 'Give a reason (at least 3 characters).')
  .max(500, 'At most 500 characters.');

export const rolesField = z.array(z.enum(roles)).min(1, 'Choose at least one role.').max(roles.length);

export const idField = safeText().uuid('Not a valid id.');

export const setupInputSchema = z.object({
  admin: z.object({ username: usernameField, fullName: fullNameField, password: passwordField }).strict(),
  terminal: z
    .object({
      name: safeText().trim().min(1, 'Enter the terminal name.').max(64),
      location: safeText().trim().max(120).default(''),
    })
    .strict(),
});

export const selfCredentialsSchema = z.object({ kind: z.literal('self'), password: passwordField }).strict();
export const cosignerCredentialsSchema = z
  .object({
    kind: z.literal('cosigner'),
    username: safeText().trim().toLowerCase().min(1, 'Enter the username.').max(64),
    password: passwordField,
  })
  .strict();

export const settingsUpdateSchema = z
  .object({ settings: securitySettingsSchema, reason: reasonField })
  .strict();

export const signerCredentialsSchema = z.discriminatedUnion('kind', [
  selfCredentialsSchema,
  cosignerCredentialsSchema,
]);
