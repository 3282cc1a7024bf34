import type { Store } from '../../../db/open';

/** Whether the store was made by `ebr demo` (marked at setup; triggers keep the mark for good). */
export function isDemoStore(sqlite: Store['sqlite']): boolean {
  return sqlite.prepare("SELECT value FROM store_meta WHERE key = 'demo'").pluck().get() === 'true';
}
