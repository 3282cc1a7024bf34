import { useCallback, useState } from 'react';
import type { AuditVerificationReport, AuditVerifyProgress } from '../../../shared/contract/audit';
import { call, onEvent } from '../ipc/client';
import { toIpcError, type IpcError } from '../ipc/ipc-error';

export type IntegrityState =
  | { status: 'idle' }
  | { status: 'running'; progress: AuditVerifyProgress | null }
  | { status: 'done'; progress: AuditVerifyProgress | null; report: AuditVerificationReport }
  | { status: 'failed'; error: IpcError };

/** The full chain verification at the core, its progress events followed while it runs. */
export function useIntegrityCheck() {
  const [state, setState] = useState<IntegrityState>({ status: 'idle' });

  const run = useCallback(async () => {
    const latest: { progress: AuditVerifyProgress | null } = { progress: null };
    setState({ status: 'running', progress: null });
    const unsubscribe = onEvent('audit.verify-progress', (next) => {
      latest.progress = next;
      setState((current) => (current.status === 'running' ? { status: 'running', progress: next } : current));
    });
    try {
      const report = await call('audit.verify', {});
      // The bar ends full: every row the report counts was checked.
      const total = Math.max(latest.progress?.total ?? 0, report.rowsChecked);
      setState({ status: 'done', progress: { checked: report.rowsChecked, total }, report });
    } catch (error) {
      setState({ status: 'failed', error: toIpcError(error) });
    } finally {
      unsubscribe();
    }
  }, []);

  return { state, run };
}
