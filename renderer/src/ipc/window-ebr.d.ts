import type { EbrBridge } from '../../../shared/contract';

declare global {
  interface Window {
    /** Provided by the Electron preload (contextBridge) or, in browser tests, by the harness. */
    ebr: EbrBridge;
  }
}

export {};
