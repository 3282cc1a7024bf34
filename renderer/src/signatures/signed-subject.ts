/** What a signature is about, in words a person can check before signing: a title and its values. */
export interface SignedSubject {
  title: string;
  lines: readonly SignedLine[];
}

export interface SignedLine {
  label: string;
  value: string;
}

/** `self`: the signed-in person re-enters the password. `cosigner`: a second person at this terminal. */
export type SignatureMode = 'self' | 'cosigner';
