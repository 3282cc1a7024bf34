import { defineConfig } from 'drizzle-kit';

/** The plant server's PostgreSQL schema (docs/plant-server.md); the terminal's is drizzle.config.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/plant/schema.ts',
  out: './db/plant-migrations',
});
