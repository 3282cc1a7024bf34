export type AuditBreakKind =
  | 'sequence-gap'
  | 'prev-hash-mismatch'
  | 'hash-mismatch'
  | 'checkpoint-signature-invalid'
  | 'checkpoint-mismatch'
  | 'truncated'
  | 'unsigned-tail';

export interface AuditBreak {
  kind: AuditBreakKind;
  /** The first audit row (sequence number) that cannot be trusted. */
  seq: number;
  message: string;
}

export interface AuditVerificationReport {
  intact: boolean;
  rowsChecked: number;
  checkpointsChecked: number;
  head: { seq: number; hash: string } | null;
  firstBreak: AuditBreak | null;
}

export interface AuditVerifyProgress {
  checked: number;
  total: number;
}
