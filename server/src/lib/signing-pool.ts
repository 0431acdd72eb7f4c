import { Worker } from 'node:worker_threads';
import type { KeyObject } from 'node:crypto';
import { sm2Sm3Suite } from '@roadcert/shared/presentation';
import { AppError } from '../errors';
import type { Logger } from './logger';
import { sm2PrivateScalar } from './sm2-der';
import type { SignRequest, SignReply } from './signing-pool.worker';

/**
 * SM2/SM3 signing off the main thread (issue 16): presentation anchors, status lists and
 * certificates at issuance go through here, so a burst of 亮证 openings (a dozen anchors
 * each, ~1 ms of CPU apiece) does not stall verification on the event loop.
 *
 * `threads` workers (0: sign inline on the calling thread), started on the first signature and
 * unreferenced while idle, so a process that never signs pays nothing and an idle pool never
 * keeps a process alive. Each worker gets the private scalar once, in its workerData at start;
 * the scalar never travels with a task and is never logged. A worker that dies fails its
 * in-flight signatures with NOT_READY (签名服务暂不可用) and is replaced on the next task.
 */
export type SigningPool = {
  /** Raw r‖s (64 bytes), SM3 with the standard user id, by the service's signing key. */
  sm2Sign(message: Uint8Array): Promise<Uint8Array>;
  readonly threads: number;
  /** Stops the workers (tests, shutdown); a later signature starts them again. */
  close(): Promise<void>;
};

type Slot = {
  worker: Worker;
  pending: Map<number, { resolve: (sig: Uint8Array) => void; reject: (err: Error) => void }>;
};

/** The worker entry: a tiny .mjs that loads the worker module, from source (tsx) or compiled. */
const entryUrl = new URL('./signing-worker.mjs', import.meta.url);
const moduleUrl = new URL(`./signing-pool.worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

export function createSigningPool(input: {
  privateKey: KeyObject;
  threads: number;
  logger?: Pick<Logger, 'error'>;
}): SigningPool {
  const scalar = sm2PrivateScalar(input.privateKey);
  const { threads } = input;
  if (threads === 0)
    return {
      threads,
      sm2Sign: async (message) => sm2Sm3Suite.sign(message, scalar),
      close: async () => {},
    };

  const slots: (Slot | null)[] = Array.from({ length: threads }, () => null);
  let nextId = 0;

  function start(index: number): Slot {
    const worker = new Worker(entryUrl, {
      workerData: { module: moduleUrl.href, scalar },
      name: `sm2-signer-${index}`,
    });
    const slot: Slot = { worker, pending: new Map() };
    worker.unref();
    worker.on('message', (reply: SignReply) => {
      const task = slot.pending.get(reply.id);
      if (!task) return;
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      if (reply.signature) task.resolve(reply.signature);
      else task.reject(unavailable(new Error(reply.error ?? 'no signature')));
    });
    const fail = (cause: Error) => {
      if (slots[index] !== slot) return;
      slots[index] = null;
      input.logger?.error({ err: cause, worker: index }, 'signing worker failed; its signatures are refused');
      for (const task of slot.pending.values()) task.reject(unavailable(cause));
      slot.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`signing worker exited with code ${code}`)));
    return slot;
  }

  /** The least busy worker (started if needed). */
  function pick(): Slot {
    let best = 0;
    for (let i = 0; i < threads; i++) {
      const slot = slots[i];
      if (!slot) {
        slots[i] = start(i);
        return slots[i]!;
      }
      if (slot.pending.size < slots[best]!.pending.size) best = i;
    }
    return slots[best]!;
  }

  return {
    threads,
    sm2Sign(message) {
      const slot = pick();
      const id = nextId++;
      return new Promise<Uint8Array>((resolve, reject) => {
        slot.pending.set(id, { resolve, reject });
        if (slot.pending.size === 1) slot.worker.ref();
        slot.worker.postMessage({ id, message } satisfies SignRequest);
      });
    },
    async close() {
      const running = slots.filter((s): s is Slot => s !== null);
      slots.fill(null);
      for (const slot of running) for (const task of slot.pending.values()) task.reject(unavailable(closed));
      await Promise.all(running.map((s) => s.worker.terminate()));
    },
  };
}

const closed = new Error('signing pool closed');
const unavailable = (cause: Error) => new AppError('NOT_READY', { message: '签名服务暂不可用，请稍后再试', cause });
