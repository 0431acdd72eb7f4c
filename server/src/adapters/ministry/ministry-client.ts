import {
  signRequest,
  type BatchAnswer,
  type MinistryBatch,
  type ReconciliationGroup,
  type ReconciliationItem,
  type RequestSigner,
} from './wire';

/**
 * What a batch send came to. `answered`: the receiver answered 200 with per-record results
 * (records it did not mention were not taken: partial acceptance). `failed`: nothing of the batch
 * is known to be taken — retry it (`retryAfterMs` when the receiver said when, 429 Retry-After).
 */
export type SendOutcome =
  | { kind: 'answered'; answer: BatchAnswer }
  | { kind: 'failed'; reason: FailureReason; detail: string; retryAfterMs?: number };

/** Why a batch failed, as the failure statistics and dead letters show it. */
export type FailureReason =
  'TIMEOUT' | 'CONNECTION' | 'HTTP_5XX' | 'RATE_LIMITED' | 'HTTP_4XX' | 'BAD_ANSWER' | 'CIRCUIT_OPEN';

/** The ministry's electronic-certificate system (部级电子证照系统) as the worker and reconciliation see it. */
export interface MinistryClient {
  /** `ministry` or `stand-in` (the local receiver): shown in logs and on the staff endpoints. */
  readonly target: 'ministry' | 'stand-in';
  sendBatch(batch: MinistryBatch): Promise<SendOutcome>;
  /** Counts and digests per type and day of what the receiver holds (latest version per certificate). */
  reconciliation(): Promise<ReconciliationGroup[]>;
  /** The certificates (and held versions) of one group, to find what differs. */
  reconciliationItems(typeCode: string, day: string): Promise<ReconciliationItem[]>;
}

export type HttpMinistryClientOptions = {
  baseUrl: string;
  signer: RequestSigner;
  target: 'ministry' | 'stand-in';
  timeoutMs?: number;
};

const retryAfterMs = (value: string | null): number | undefined => {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
};

const isTimeout = (err: unknown) => err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');

/**
 * The HTTP JSON client: every request signed with SM2/SM3 (wire.ts `signRequest`) under the
 * configured client id and key. Transport failures never throw: they come back as `failed`
 * with a reason, so the worker decides about retries in one place.
 */
export function createHttpMinistryClient(options: HttpMinistryClientOptions): MinistryClient {
  const base = options.baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pathOf = (p: string) => new URL(base + p).pathname + new URL(base + p).search;

  async function request(method: 'GET' | 'POST', p: string, body: string) {
    const headers = {
      ...signRequest(options.signer, method, pathOf(p), body),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    };
    return fetch(base + p, {
      method,
      headers,
      body: method === 'POST' ? body : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
  }

  async function getJson<T>(p: string): Promise<T> {
    const res = await request('GET', p, '');
    if (res.status !== 200) throw new Error(`ministry ${p}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  return {
    target: options.target,
    async sendBatch(batch) {
      let res: Response;
      let text: string;
      try {
        res = await request('POST', '/v1/certificates/batch', JSON.stringify(batch));
        text = await res.text();
      } catch (err) {
        if (isTimeout(err)) return { kind: 'failed', reason: 'TIMEOUT', detail: `no answer within ${timeoutMs} ms` };
        const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
        return { kind: 'failed', reason: 'CONNECTION', detail: String(cause).slice(0, 200) };
      }
      if (res.status === 429)
        return {
          kind: 'failed',
          reason: 'RATE_LIMITED',
          detail: 'HTTP 429',
          retryAfterMs: retryAfterMs(res.headers.get('retry-after')),
        };
      if (res.status >= 500) return { kind: 'failed', reason: 'HTTP_5XX', detail: `HTTP ${res.status}` };
      if (res.status !== 200)
        return { kind: 'failed', reason: 'HTTP_4XX', detail: `HTTP ${res.status} ${text.slice(0, 200)}` };
      try {
        const answer = JSON.parse(text) as BatchAnswer;
        if (!Array.isArray(answer.results)) throw new Error('results missing');
        return { kind: 'answered', answer };
      } catch (err) {
        return { kind: 'failed', reason: 'BAD_ANSWER', detail: (err as Error).message.slice(0, 200) };
      }
    },
    reconciliation: async () => (await getJson<{ groups: ReconciliationGroup[] }>('/v1/reconciliation')).groups,
    reconciliationItems: async (typeCode, day) =>
      (
        await getJson<{ items: ReconciliationItem[] }>(
          `/v1/reconciliation/items?typeCode=${encodeURIComponent(typeCode)}&day=${encodeURIComponent(day)}`,
        )
      ).items,
  };
}
