import type { KeyProvider } from '../../electron/core/keys/key-provider';

/**
 * Stands in for the OS keystore (Electron safeStorage) in tests that run first-run setup in the
 * app: keeps the key that setup generates, in memory, and hands it back when the store opens.
 */
export function memoryKeyProvider(): KeyProvider {
  const keys = new Map<string, Buffer>();
  return {
    kind: 'memory (tests)',
    loadKey: async (dataDir) => {
      const key = keys.get(dataDir);
      if (!key) throw new Error(`no key was stored for ${dataDir}`);
      return Buffer.from(key);
    },
    storeKey: async (dataDir, key) => {
      keys.set(dataDir, Buffer.from(key));
    },
  };
}
