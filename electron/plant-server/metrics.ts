import type { PlantDatabase } from './database';

/** Counters since the process started; gauges are read from PostgreSQL at each scrape. */
export interface PlantMetrics {
  uploadsAccepted: number;
  uploadsRefused: number;
  entriesStored: number;
  ingestSeconds: number;
}

export function newMetrics(): PlantMetrics {
  return { uploadsAccepted: 0, uploadsRefused: 0, entriesStored: 0, ingestSeconds: 0 };
}

/** Prometheus text exposition format 0.0.4. */
export async function metricsText(database: PlantDatabase, metrics: PlantMetrics): Promise<string> {
  const { rows } = await database.pool.query<{
    active: string;
    revoked: string;
    quarantined: string;
    alerts: string;
    entries: string;
  }>(
    `SELECT (SELECT count(*) FROM nodes WHERE status = 'active') AS active,
            (SELECT count(*) FROM nodes WHERE status = 'revoked') AS revoked,
            (SELECT count(*) FROM quarantine) AS quarantined,
            (SELECT count(*) FROM alerts) AS alerts,
            (SELECT count(*) FROM log_entries) AS entries`,
  );
  const gauges = rows[0]!;
  return [
    '# HELP ebr_plant_uploads_total Uploads received, by result.',
    '# TYPE ebr_plant_uploads_total counter',
    `ebr_plant_uploads_total{result="accepted"} ${metrics.uploadsAccepted}`,
    `ebr_plant_uploads_total{result="refused"} ${metrics.uploadsRefused}`,
    '# HELP ebr_plant_entries_stored_total Log entries verified and stored by this process.',
    '# TYPE ebr_plant_entries_stored_total counter',
    `ebr_plant_entries_stored_total ${metrics.entriesStored}`,
    '# HELP ebr_plant_ingest_seconds_total Time spent verifying and storing uploads.',
    '# TYPE ebr_plant_ingest_seconds_total counter',
    `ebr_plant_ingest_seconds_total ${metrics.ingestSeconds.toFixed(6)}`,
    '# HELP ebr_plant_nodes Enrolled terminals, by status.',
    '# TYPE ebr_plant_nodes gauge',
    `ebr_plant_nodes{status="active"} ${gauges.active}`,
    `ebr_plant_nodes{status="revoked"} ${gauges.revoked}`,
    '# HELP ebr_plant_quarantined_uploads Uploads held in quarantine.',
    '# TYPE ebr_plant_quarantined_uploads gauge',
    `ebr_plant_quarantined_uploads ${gauges.quarantined}`,
    '# HELP ebr_plant_alerts Alerts raised.',
    '# TYPE ebr_plant_alerts gauge',
    `ebr_plant_alerts ${gauges.alerts}`,
    '# HELP ebr_plant_log_entries Log entries held, all nodes.',
    '# TYPE ebr_plant_log_entries gauge',
    `ebr_plant_log_entries ${gauges.entries}`,
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${process.memoryUsage().rss}`,
    '',
  ].join('\n');
}
