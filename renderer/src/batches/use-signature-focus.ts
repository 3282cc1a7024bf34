import { useEffect } from 'react';

/**
 * When a signature dialog in `self` mode opens, the native dialog puts the cursor in its first
 * field — the signer's own username, shown read-only — so the password would need a Tab first.
 * This puts it in the password field, where the signer types next (keyboard alone, Enter signs).
 * Runs after the dialog's own effect has opened it (a parent's effects run after its children's).
 */
export function useSignaturePasswordFocus(selfSignatureOpen: boolean, key: unknown): void {
  useEffect(() => {
    if (!selfSignatureOpen) return;
    document
      .querySelector<HTMLInputElement>(
        '[data-testid="signature-dialog"] form[data-mode="self"] [data-testid="signature-password"]',
      )
      ?.focus();
  }, [selfSignatureOpen, key]);
}
