// drizzle-kit settings for SQLite: `npm run db:generate` writes the new migration for both dialects.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './apps/server/src/db/sqlite-schema.ts',
  out: './apps/server/drizzle',
});
