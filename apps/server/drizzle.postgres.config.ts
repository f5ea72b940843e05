// drizzle-kit settings for PostgreSQL: `npm run db:generate` writes the new migration for both dialects.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './apps/server/src/db/postgres-schema.ts',
  out: './apps/server/drizzle-postgres',
});
