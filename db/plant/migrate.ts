import { fileURLToPath } from 'node:url';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

/** The plant server's committed drizzle-kit migrations (drizzle.plant.config.ts). */
export const plantMigrationsDir = fileURLToPath(new URL('../plant-migrations/', import.meta.url));

/** Applies every pending migration; drizzle records them in drizzle.__drizzle_migrations. */
export async function migratePlantDatabase(db: NodePgDatabase): Promise<void> {
  await migrate(db, { migrationsFolder: plantMigrationsDir });
}

/** The log tables: append-only, the service role may only INSERT and SELECT them. */
export const plantLogTables = [
  'node_keys',
  'uploads',
  'log_entries',
  'log_checkpoints',
  'log_signatures',
  'quarantine',
  'alerts',
] as const;
