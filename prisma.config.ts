// Prisma CLI configuration, used only for authoring and checking migrations (see
// docs/ARCHITECTURE.md). The JS schema engine with the pg driver adapter avoids Prisma's
// native engine download (../shared/notes/prisma-without-engine-downloads.md). The running
// service applies the committed SQL itself (server/src/db/migrate.ts).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// Workaround for prisma/orm#27403 (open): the Wasm schema engine's introspection reads
// catalog columns of type `name` (OID 19) and `"char"` (OID 18), which the pg adapter
// cannot map, so every introspecting command fails with "Column type 'name' could not be
// deserialized". Reporting them as `text` (OID 25) is exact for those values. This patch
// lives only in the CLI's configuration; the application's client does not need it.
const originalQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  const result = originalQuery.apply(this, args);
  if (result instanceof Promise) {
    return result.then((res: pg.QueryResult) => {
      for (const field of res?.fields ?? [])
        if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
      return res;
    });
  }
  return result;
} as typeof pg.Client.prototype.query;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  experimental: { adapter: true },
  engine: 'js',
  // Separate fields, not a connectionString: the adapter creates the shadow database with
  // `{ ...config, database }`, and a connectionString would override that `database`.
  adapter: async () => {
    const url = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
    return new PrismaPg({
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
    });
  },
});
