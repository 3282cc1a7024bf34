import { z } from 'zod';
import { safeText } from '../text/safe-text';
import type { QualificationState } from '../qualification/standing';
import type { Role } from '../permissions';
import { idField, reasonField, selfCredentialsSchema, signerCredentialsSchema } from './inputs';

/** SOP and qualification codes: the same shape as recipe codes, so a recipe can name them. */
const registerCode = (what: string) =>
  safeText()
    .trim()
    .toUpperCase()
    .regex(
      /^[A-Z0-9][A-Z0-9._-]{0,31}$/,
      `${what}: 1–32 uppercase letters, digits, dot, dash or underscore.`,
    );

export const sopCodeField = registerCode('SOP code');
export const qualificationCodeField = registerCode('Qualification code');

export const sopVersionInput = z
  .object({
    code: sopCodeField,
    title: safeText().trim().min(1, 'Enter the SOP title.').max(160),
    version: safeText()
      .trim()
      .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,15}$/, 'A version such as 3 or 2.1.'),
    reason: reasonField,
  })
  .strict();

export const qualificationFieldsSchema = z
  .object({
    code: qualificationCodeField,
    name: safeText().trim().min(1, 'Enter the qualification name.').max(120),
    requiredSopCodes: z.array(sopCodeField).max(20),
    assessmentRequired: z.boolean(),
    validityMonths: z
      .number()
      .int('Whole months.')
      .min(1, 'At least 1 month.')
      .max(120, 'At most 120 months.'),
  })
  .strict()
  .refine((fields) => fields.requiredSopCodes.length > 0 || fields.assessmentRequired, {
    message: 'A qualification requires an SOP read and understood, a practical assessment, or both.',
    path: ['requiredSopCodes'],
  });
export type QualificationFields = z.output<typeof qualificationFieldsSchema>;

/** The trainee signs "trained" on the SOP's current version: the trainer's own password, or the trainee's. */
export const readAndUnderstoodInput = z
  .object({
    sopCode: sopCodeField,
    trainee: signerCredentialsSchema,
    comment: safeText().trim().max(500).default(''),
  })
  .strict();

/** The trainer signs "assessed" for a person on a qualification. */
export const assessmentInput = z
  .object({
    userId: idField,
    qualificationCode: qualificationCodeField,
    comment: safeText().trim().min(3, 'Say what was assessed (at least 3 characters).').max(500),
    credentials: selfCredentialsSchema,
  })
  .strict();

export interface SopVersionView {
  version: string;
  issuedByName: string;
  issuedAtUtc: string;
}

export interface SopView {
  code: string;
  title: string;
  currentVersion: string;
  versions: SopVersionView[];
}

export interface QualificationView {
  code: string;
  name: string;
  requiredSops: { code: string; title: string; currentVersion: string | null }[];
  assessmentRequired: boolean;
  validityMonths: number;
  registeredByName: string;
  registeredAtUtc: string;
}

export interface StandingView {
  code: string;
  name: string;
  state: QualificationState;
  validUntilUtc: string | null;
  expiresOn: string | null;
  /** What is missing or out of date, in words. */
  gaps: string[];
}

export interface TrainingRecordView {
  id: string;
  kind: 'read-and-understood' | 'assessment';
  /** "SOP-WEI-004 version 3" or the qualification's name. */
  subject: string;
  comment: string;
  /** Who signed: the trainee for a read-and-understood, the trainer for an assessment. */
  signerName: string;
  recordedByName: string;
  recordedAtUtc: string;
}

export interface PersonTrainingView {
  userId: string;
  fullName: string;
  username: string;
  roles: Role[];
  standings: StandingView[];
  records: TrainingRecordView[];
}

export interface QualificationMatrixView {
  qualifications: { code: string; name: string }[];
  people: {
    userId: string;
    fullName: string;
    roles: Role[];
    standings: { code: string; state: QualificationState; expiresOn: string | null }[];
  }[];
}

export interface ExpiringQualificationView {
  userId: string;
  fullName: string;
  code: string;
  name: string;
  expiresOn: string;
  daysLeft: number;
}

export interface TrainingRecordFile {
  fileName: string;
  mediaType: 'application/pdf';
  base64: string;
  sha256: string;
  byteLength: number;
  pageCount: number;
}
