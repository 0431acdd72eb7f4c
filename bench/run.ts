import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench`: every benchmark, one after another, each in its own process. Add
 * yours here. Benchmarks print their own tables and write only under bench/results/.
 */
const benches = [
  { name: 'photo pipeline (sharp)', file: 'photo-pipeline.ts' },
  {
    name: 'presentation tokens (SM2, verify endpoint CPU ratio, verify p99 during 亮证 bursts: inline vs signing pool)',
    file: 'presentation.ts',
  },
  { name: 'presentation token v1 vs v2 (signatures, bytes, verify cost)', file: 'presentation-v2.ts' },
  { name: 'stock import (1,000,000 synthetic rows)', file: 'stock-import.ts' },
  { name: 'compliance check (1,000,000 synthetic certificates) and recheck latency', file: 'compliance-check.ts' },
  {
    name: 'aggregation to the ministry (20,000 certificates, outbox → local receiver acknowledgement)',
    file: 'aggregation.ts',
  },
  {
    name: 'aggregation, two worker processes, kill -9, faults and a 60 s outage (100,000 changes)',
    file: 'aggregation-processes.ts',
  },
  { name: 'issuance latency with the ministry receiver up and down', file: 'aggregation-issuance.ts' },
  { name: 'reminders (due over 1,000,000 certificates; 10,000 SMS with caps)', file: 'reminders.ts' },
  { name: 'verify page on an emulated slow 4G phone (server-rendered /v/ vs the portal page)', file: 'verify-page.ts' },
  { name: 'certificate file (OFD + PDF, SM2-signed): generation time and sizes', file: 'certificate-file.ts' },
];

const here = path.dirname(new URL(import.meta.url).pathname);
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench.name} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, bench.file)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${bench.name}: exited with ${result.status ?? result.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
