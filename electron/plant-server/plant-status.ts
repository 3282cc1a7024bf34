import type { PlantDatabase } from './database';

export interface NodeStatus {
  nodeId: string;
  name: string;
  status: 'active' | 'revoked';
  enrolledAt: string;
  lastContactAt: string | null;
  acknowledgedSeq: number;
  /** The terminal's last reported head minus what the server holds (null before it reported). */
  lag: number | null;
  clockSkewMs: number | null;
  quarantinedUploads: number;
}

/** One row per terminal, for `ebr server status` and the plant's overview. */
export async function plantStatus(database: PlantDatabase): Promise<NodeStatus[]> {
  const { rows } = await database.pool.query<NodeStatus>(
    `SELECT n.id AS "nodeId", n.name, n.status, n.enrolled_at AS "enrolledAt", n.last_contact_at AS "lastContactAt",
            coalesce((SELECT max(seq) FROM log_entries e WHERE e.node_id = n.id), 0)::int AS "acknowledgedSeq",
            CASE WHEN n.reported_head_seq IS NULL THEN NULL
                 ELSE greatest(n.reported_head_seq - coalesce((SELECT max(seq) FROM log_entries e WHERE e.node_id = n.id), 0), 0)::int END AS lag,
            n.last_clock_skew_ms::int AS "clockSkewMs",
            (SELECT count(*) FROM quarantine q WHERE q.node_id = n.id)::int AS "quarantinedUploads"
     FROM nodes n ORDER BY n.name, n.id`,
  );
  return rows.map((row) => ({
    ...row,
    enrolledAt: new Date(row.enrolledAt).toISOString(),
    lastContactAt: row.lastContactAt === null ? null : new Date(row.lastContactAt).toISOString(),
  }));
}
