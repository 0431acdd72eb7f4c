// Creates a PGlite data directory (initdb) and exits: run by db/database.ts in a child
// process on the first start, because initdb's second Wasm instance (~450 MB) is not given
// back to the OS by the process that ran it (docs/operations.md, "Memory").
import { PGlite } from '@electric-sql/pglite';

const db = await PGlite.create(process.argv[2]);
await db.close();
