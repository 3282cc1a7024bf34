import type { SystemInfo } from '../../../shared/contract';
import { StatusBadge } from '../ui/status-badge';

export function EncryptionBadge({ store }: { store: SystemInfo['store'] }) {
  return store.encrypted ? (
    <StatusBadge tone="ok" testId="encryption-status">
      Encrypted — {store.cipher ?? 'cipher not reported'}
    </StatusBadge>
  ) : (
    <StatusBadge tone="fail" testId="encryption-status">
      NOT encrypted
    </StatusBadge>
  );
}
