import type { RecentExportView } from '../../../shared/contract/records';
import type { Store } from '../../../db/open';

const RECENT_EXPORTS = 10;

/** The latest export packages, read from their audit rows: the audit trail is where exports are recorded. */
export function recentExports(sqlite: Store['sqlite']): RecentExportView[] {
  const rows = sqlite
    .prepare(
      `SELECT at_utc AS atUtc, user_name AS userName, new_value AS newValue FROM audit_trail
       WHERE action = 'batch.exported' ORDER BY seq DESC LIMIT ?`,
    )
    .all(RECENT_EXPORTS) as { atUtc: string; userName: string | null; newValue: string }[];
  return rows.map((row) => {
    const written = JSON.parse(row.newValue) as {
      batchNumber: string;
      packageName: string;
      directory: string;
    };
    return {
      batchNumber: written.batchNumber,
      packageName: written.packageName,
      directory: written.directory,
      exportedByName: row.userName ?? '',
      atUtc: row.atUtc,
    };
  });
}
