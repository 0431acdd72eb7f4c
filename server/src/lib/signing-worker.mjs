// The signing workers' entry (signing-pool.ts). Run from source, the worker module is
// TypeScript: tsx is registered inside the worker first (a worker does not inherit the
// parent's --import hooks on Node 20). Compiled (npm run build), it is plain JavaScript.
import { workerData } from 'node:worker_threads';

if (workerData.module.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.module);
