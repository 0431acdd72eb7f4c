/**
 * Runs every journey in e2e/journeys/ (or the ones named: `npm run test:e2e -- applications`),
 * each in its own process with its own product (fresh DATA_DIR, port) so journeys cannot leak
 * state into one another. Exit code 1 if any journey fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'journeys');
const wanted = process.argv.slice(2);
const journeys = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort((a, b) => (a === 'onboarding' ? -1 : b === 'onboarding' ? 1 : a.localeCompare(b)));
if (journeys.length === 0) throw new Error(`no journey matches ${wanted.join(', ')}`);

const failed: string[] = [];
for (const name of journeys) {
  console.log(`\ne2e journey: ${name}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`)], {
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) failed.push(name);
}
console.log(
  `\ne2e journeys: ${journeys.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''}`,
);
process.exit(failed.length ? 1 : 0);
