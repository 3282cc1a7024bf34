import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3-multiple-ciphers';

/** Committed drizzle-kit migrations. Bundles copy them beside the bundle under `migrations/`. */
export const defaultMigrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface Migration {
  index: number;
  tag: string;
  statements: string[];
  sha256: string;
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function loadMigrations(migrationsDir = defaultMigrationsDir): Migration[] {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((entry) => {
      const sql = readFileSync(join(migrationsDir, `${entry.tag}.sql`), 'utf8');
      return {
        index: entry.idx,
        tag: entry.tag,
        statements: sql
          .split('--> statement-breakpoint')
          .map((statement) => statement.trim())
          .filter(Boolean),
        sha256: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** The schema version is the number of migrations applied, kept in PRAGMA user_version. */
export function schemaVersionOf(sqlite: Database.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** Applies every pending migration in ONE transaction: a failure leaves the file as it was. */
export function applyMigrations(
  sqlite: Database.Database,
  migrations: Migration[],
  appliedAtUtc: string,
): number {
  const current = schemaVersionOf(sqlite);
  const pending = migrations.slice(current);
  if (pending.length === 0) return current;
  sqlite
    .transaction(() => {
      sqlite.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (idx INTEGER PRIMARY KEY, tag TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at_utc TEXT NOT NULL) STRICT',
      );
      const recordMigration = sqlite.prepare(
        'INSERT INTO schema_migrations (idx, tag, sha256, applied_at_utc) VALUES (?, ?, ?, ?)',
      );
      for (const migration of pending) {
        for (const statement of migration.statements) sqlite.exec(statement);
        recordMigration.run(migration.index, migration.tag, migration.sha256, appliedAtUtc);
      }
      sqlite.pragma(`user_version = ${migrations.length}`);
    })
    .immediate();
  return migrations.length;
}
