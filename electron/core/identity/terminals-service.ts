import type Database from 'better-sqlite3-multiple-ciphers';
import type { TerminalView } from '../../../shared/contract/identity';
import { EbrError } from '../../../shared/errors';
import type { AuditTrail } from '../audit/audit-trail';
import { toUtcIso, type Clock } from '../clock';
import { formatFingerprint } from '../terminal/terminal-key';
import type { Administrator } from './users-service';

interface TerminalRow {
  id: string;
  name: string;
  location: string;
  fingerprint: string;
  status: TerminalView['status'];
  createdAtUtc: string;
  registeredAtUtc: string | null;
  revokedAtUtc: string | null;
}

/** A terminal's registration state, or null for an unknown terminal. */
export function terminalStatusOf(
  sqlite: Database.Database,
  terminalId: string,
): TerminalView['status'] | null {
  return (
    (sqlite.prepare('SELECT status FROM terminals WHERE id = ?').pluck().get(terminalId) as
      TerminalView['status'] | undefined) ?? null
  );
}

/** Registered terminals (P11-10h): only a registered terminal executes; revoking is audited. */
export class TerminalsService {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly thisTerminalId: string,
  ) {}

  private rows(): TerminalRow[] {
    return this.sqlite
      .prepare(
        `SELECT id, name, location, fingerprint, status, created_at_utc AS createdAtUtc, registered_at_utc AS registeredAtUtc,
                revoked_at_utc AS revokedAtUtc FROM terminals ORDER BY name`,
      )
      .all() as TerminalRow[];
  }

  list(): TerminalView[] {
    return this.rows().map((row) => ({
      ...row,
      fingerprint: formatFingerprint(row.fingerprint),
      isThisTerminal: row.id === this.thisTerminalId,
    }));
  }

  status(terminalId: string): TerminalView['status'] | null {
    return terminalStatusOf(this.sqlite, terminalId);
  }

  setStatus(
    admin: Administrator,
    terminalId: string,
    status: 'registered' | 'revoked',
    reason: string,
  ): TerminalView {
    const current = this.status(terminalId);
    if (current === null) throw new EbrError('NOT_FOUND', 'There is no such terminal.');
    if (current === status) throw new EbrError('CONFLICT', `The terminal is already ${status}.`);
    const nowUtc = toUtcIso(this.clock.now());
    this.audit.change(admin, ({ record }) => {
      const column = status === 'registered' ? 'registered_at_utc' : 'revoked_at_utc';
      this.sqlite
        .prepare(`UPDATE terminals SET status = ?, ${column} = ? WHERE id = ?`)
        .run(status, nowUtc, terminalId);
      record({
        action: status === 'registered' ? 'terminal.registered' : 'terminal.revoked',
        entityType: 'terminal',
        entityId: terminalId,
        oldValue: { status: current },
        newValue: { status },
        reason,
      });
    });
    return this.list().find((terminal) => terminal.id === terminalId)!;
  }
}
