import { useCallback, useEffect, useState } from 'react';
import type { AuditFilter, AuditPageView } from '../../../shared/contract/audit-trail';
import { call } from '../ipc/client';
import { toIpcError, type IpcError } from '../ipc/ipc-error';

export const pageSizes = [10, 25, 50, 100] as const;

interface View {
  filter: AuditFilter;
  pageSize: number;
  /** The `beforeSeq` of each page after the first, oldest last: "Newer" pops, "Older" pushes. */
  stack: number[];
}

type Answer = { key: string; page: AuditPageView } | { key: string; error: IpcError };

/**
 * Keyset paging over the audit trail, newest first: the core answers one page and where the next
 * (older) one starts; going back to newer pages replays the `beforeSeq` kept on a stack.
 */
export function useAuditPages() {
  const [view, setView] = useState<View>({ filter: {}, pageSize: 25, stack: [] });
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [attempt, setAttempt] = useState(0);
  const beforeSeq = view.stack.at(-1);
  const input = { filter: view.filter, pageSize: view.pageSize, ...(beforeSeq ? { beforeSeq } : {}) };
  const requestKey = JSON.stringify(input);
  const key = `${requestKey}#${attempt}`;

  useEffect(() => {
    let current = true;
    const answered = `${requestKey}#${attempt}`;
    call('audit.query', JSON.parse(requestKey) as typeof input).then(
      (page) => current && setAnswer({ key: answered, page }),
      (error: unknown) => current && setAnswer({ key: answered, error: toIpcError(error) }),
    );
    return () => {
      current = false;
    };
  }, [requestKey, attempt]);

  const loading = answer?.key !== key;
  const page = answer && 'page' in answer ? answer.page : null;
  const error = answer && 'error' in answer ? answer.error : null;
  const next = !loading ? (page?.nextBeforeSeq ?? null) : null;

  const apply = useCallback((filter: AuditFilter) => setView((v) => ({ ...v, filter, stack: [] })), []);
  const setPageSize = useCallback((pageSize: number) => setView((v) => ({ ...v, pageSize, stack: [] })), []);
  const older = useCallback(() => {
    if (next !== null) setView((v) => ({ ...v, stack: [...v.stack, next] }));
  }, [next]);
  const newer = useCallback(() => setView((v) => ({ ...v, stack: v.stack.slice(0, -1) })), []);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    filter: view.filter,
    pageSize: view.pageSize,
    pageNumber: view.stack.length + 1,
    page,
    error,
    loading,
    canOlder: next !== null,
    canNewer: view.stack.length > 0 && !loading,
    apply,
    setPageSize,
    older,
    newer,
    reload,
  };
}
