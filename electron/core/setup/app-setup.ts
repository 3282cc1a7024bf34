import type { z } from 'zod';
import type { setupInputSchema } from '../../../shared/contract/inputs';
import type { SetupResult } from '../../../shared/contract/identity';
import { EbrError } from '../../../shared/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { Clock } from '../clock';
import type { KeyProvider } from '../keys/key-provider';
import { initializeDataDir } from './initialize';

export interface AppSetupDeps {
  dataDir: string;
  keyProvider: KeyProvider;
  clock: Clock;
  isSetupRequired(): boolean;
  /** Opens the newly created store in place; returns its audit trail. */
  openStore(): Promise<AuditTrail>;
}

/**
 * First-run setup from the app (the wizard): the same `initializeDataDir` as `ebr init`, then the
 * store opens in place. The recovery key is returned once, to the window that ran setup.
 */
export class AppSetup {
  private running = false;
  private pendingConfirmation: { connectionId: string; adminUserId: string; adminName: string } | null = null;
  private audit: AuditTrail | null = null;

  constructor(private readonly deps: AppSetupDeps) {}

  async initialize(input: z.output<typeof setupInputSchema>, connectionId: string): Promise<SetupResult> {
    if (!this.deps.isSetupRequired() || this.running) {
      throw new EbrError('ALREADY_INITIALIZED', 'This workstation is already set up.');
    }
    this.running = true;
    try {
      const result = await initializeDataDir({
        ...input,
        dataDir: this.deps.dataDir,
        keyProvider: this.deps.keyProvider,
        clock: this.deps.clock,
      });
      this.audit = await this.deps.openStore();
      this.pendingConfirmation = {
        connectionId,
        adminUserId: result.adminUserId,
        adminName: input.admin.fullName,
      };
      return { recoveryKey: result.recoveryKey, terminalFingerprint: result.terminalFingerprint };
    } finally {
      this.running = false;
    }
  }

  /** Records that the administrator confirmed storing the recovery key (shown once). */
  confirmRecoveryKey(connectionId: string): { confirmed: true } {
    const pending = this.pendingConfirmation;
    if (!pending || pending.connectionId !== connectionId || !this.audit) {
      throw new EbrError('CONFLICT', 'There is no recovery key waiting for confirmation at this window.');
    }
    this.audit.change({ userId: pending.adminUserId, userName: pending.adminName }, ({ record }) =>
      record({
        action: 'setup.recovery-key-stored',
        entityType: 'store',
        entityId: 'store',
        newValue: { confirmed: true },
        reason: 'Administrator confirmed the recovery key is stored',
      }),
    );
    this.pendingConfirmation = null;
    return { confirmed: true };
  }
}
