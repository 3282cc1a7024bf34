import type { RequiredSignatureView, StepPreview } from '../../../shared/contract/batches';
import type { SignerCredentials } from '../../../shared/contract/signatures';
import type { EbrErrorData } from '../../../shared/errors';
import type { Role } from '../../../shared/permissions';
import type { SignatureMeaning } from '../../../shared/signatures';

/**
 * One signature to collect before a value is recorded. `override` is the supervisor's signature
 * past a blocking limit; `step` the signatures the recipe (or the manual entry) requires.
 */
export interface SignatureSlot {
  kind: 'override' | 'step';
  meaning: SignatureMeaning;
  mode: 'self' | 'cosigner';
  role: Role;
  distinctFromPerformer: boolean;
  why: string;
}

const OVERRIDE_SLOT: SignatureSlot = {
  kind: 'override',
  meaning: 'overridden',
  mode: 'cosigner',
  role: 'supervisor',
  distinctFromPerformer: true,
  why: 'a value outside a blocking limit is recorded only with a supervisor’s override',
};

function stepSlot(required: RequiredSignatureView): SignatureSlot {
  return {
    kind: 'step',
    meaning: required.meaning,
    // The performer re-enters the password; anyone else signs with their own username at this terminal.
    mode: required.byActor ? 'self' : 'cosigner',
    role: required.role,
    distinctFromPerformer: required.distinctFromPerformer,
    why: required.why,
  };
}

/** In the order they are asked for: the override first (it decides whether to go on), then the rest. */
export function signatureSlots(preview: StepPreview): SignatureSlot[] {
  return [
    ...(preview.violation?.handling === 'block' ? [OVERRIDE_SLOT] : []),
    ...preview.requiredSignatures.map(stepSlot),
  ];
}

/** Refusals that are about one signer's credentials or rights, not about the value. */
const signerCodes: ReadonlySet<string> = new Set([
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'SIGNER_MUST_CHANGE_PASSWORD',
  'SIGNER_NOT_DISTINCT',
  'FORBIDDEN',
]);

/**
 * Which collected signature a refusal is about, or null when it is about the entry itself. The
 * core checks the step's signatures in order and then the override, and stops at the first that
 * fails; where the answer does not name the signer, the first one it could be is asked again.
 */
export function refusedSlot(
  error: EbrErrorData,
  slots: readonly SignatureSlot[],
  credentials: readonly (SignerCredentials | null)[],
  ownUsername: string,
): number | null {
  const sameMeaning = error.code === 'EXECUTION_REFUSED' && error.details?.reason === 'same-person';
  if (!signerCodes.has(error.code) && !sameMeaning) return null;
  // The core's order: step signatures first, then the override.
  const order = slots
    .map((slot, index) => ({ slot, index }))
    .sort((a, b) => Number(a.slot.kind === 'override') - Number(b.slot.kind === 'override'));
  const username = (index: number) => {
    const given = credentials[index];
    return given?.kind === 'cosigner' ? given.username.trim().toLowerCase() : ownUsername;
  };
  const meaning = typeof error.details?.meaning === 'string' ? error.details.meaning : null;
  const candidates = order.filter(({ slot, index }) => {
    if (meaning !== null) return slot.meaning === meaning;
    switch (error.code) {
      case 'SIGNER_NOT_DISTINCT':
        return slot.mode === 'cosigner' && username(index) === ownUsername;
      case 'ACCOUNT_LOCKED':
      case 'ACCOUNT_DISABLED':
        return error.message.includes(`account ${username(index)} `);
      case 'INVALID_CREDENTIALS':
        // The core words a wrong own password differently from a wrong co-signer's username or password.
        return error.message.includes('username') ? slot.mode === 'cosigner' : slot.mode === 'self';
      default:
        return true;
    }
  });
  return (candidates[0] ?? order[0])?.index ?? null;
}
