import { createContext, useContext, type ReactNode } from 'react';
import type { SystemInfo } from '../../../shared/contract';

interface SystemInfoValue {
  info: SystemInfo;
  refresh: () => void;
}

const SystemInfoContext = createContext<SystemInfoValue | null>(null);

export function SystemInfoProvider({ value, children }: { value: SystemInfoValue; children: ReactNode }) {
  return <SystemInfoContext value={value}>{children}</SystemInfoContext>;
}

/** The facts loaded at start-up (application, store, terminal); every screen inside the shell has them. */
export function useSystemInfo(): SystemInfoValue {
  const value = useContext(SystemInfoContext);
  if (!value) throw new Error('useSystemInfo outside SystemInfoProvider');
  return value;
}
