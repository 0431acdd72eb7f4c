import { parentPort, workerData } from 'node:worker_threads';
import { sm2Sm3Suite } from '@roadcert/shared/presentation';

/** One signature asked of a signing worker (signing-pool.ts); the key is not in it. */
export type SignRequest = { id: number; message: Uint8Array };
export type SignReply = { id: number; signature?: Uint8Array; error?: string };

/** Set once at start by the pool: the private scalar. */
type SignerData = { scalar: Uint8Array };

if (parentPort) {
  const port = parentPort;
  const { scalar } = workerData as SignerData;
  port.on('message', ({ id, message }: SignRequest) => {
    try {
      port.postMessage({ id, signature: sm2Sm3Suite.sign(message, scalar) } satisfies SignReply);
    } catch (err) {
      port.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies SignReply);
    }
  });
}
