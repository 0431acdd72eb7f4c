// Prisma CLI configuration, used only for authoring migrations (`npm run prisma -- migrate diff …`).
// The JS schema engine with the pg driver adapter avoids Prisma's native engine download
// (see ../shared/notes/prisma-without-engine-downloads.md). The running service applies the
// committed SQL itself (server/src/db/migrate.ts).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' }),
});
