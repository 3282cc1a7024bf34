/**
 * Signature meanings: a closed list. Each is bound to roles through the `sign.<meaning>`
 * permissions of the permission table, and carries the statement the signer agrees to.
 */
export const signatureMeanings = [
  'performed',
  'verified',
  'reviewed',
  'approved',
  'rejected',
  'released',
  'corrected',
  'overridden',
  'aborted',
  'quarantined',
  'trained',
  'assessed',
] as const;
export type SignatureMeaning = (typeof signatureMeanings)[number];

export const meaningStatements: Record<SignatureMeaning, string> = {
  performed: 'I performed this work as recorded.',
  verified: 'I verify that this is correct.',
  reviewed: 'I have reviewed this record.',
  approved: 'I approve this.',
  rejected: 'I reject this.',
  released: 'I release this for use.',
  corrected: 'I correct this entry; the original stays visible.',
  overridden: 'I authorize this override of a limit.',
  aborted: 'I abort this batch; its remaining steps will not be executed.',
  quarantined: 'I place this in quarantine: it may not be used until it is released.',
  trained: 'I have read and understood this document version.',
  assessed: 'I assessed this person in practice: they perform this work competently.',
};

export const meaningLabels: Record<SignatureMeaning, string> = {
  performed: 'Performed',
  verified: 'Verified',
  reviewed: 'Reviewed',
  approved: 'Approved',
  rejected: 'Rejected',
  released: 'Released',
  corrected: 'Corrected',
  overridden: 'Overridden',
  aborted: 'Aborted',
  quarantined: 'Quarantined',
  trained: 'Trained (read and understood)',
  assessed: 'Assessed',
};

export type SignPermission = `sign.${SignatureMeaning}`;

export function signPermission(meaning: SignatureMeaning): SignPermission {
  return `sign.${meaning}`;
}
