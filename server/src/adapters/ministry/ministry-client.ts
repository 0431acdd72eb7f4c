import { createMinistryTransport, isTlsFailure, TransportError, type MinistryTls } from './transport';
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
  'TIMEOUT' | 'CONNECTION' | 'TLS' | 'HTTP_5XX' | 'RATE_LIMITED' | 'HTTP_4XX' | 'BAD_ANSWER' | 'CIRCUIT_OPEN';

/** The ministry's electronic-certificate system (部级电子证照系统) as the worker and reconciliation see it. */
export interface MinistryClient {
  /** `ministry` or `stand-in` (the local receiver): shown in logs and on the staff endpoints. */
  readonly target: 'ministry' | 'stand-in';
  sendBatch(batch: MinistryBatch): Promise<SendOutcome>;
  /** Counts and digests per type and day of what the receiver holds (latest version per certificate). */
  reconciliation(): Promise<ReconciliationGroup[]>;
  /** The certificates (and held versions) of one group, to find what differs. */
  reconciliationItems(typeCode: string, day: string): Promise<ReconciliationItem[]>;
  /** Closes its pooled connections. */
  close?(): void;
}

export type HttpMinistryClientOptions = {
  baseUrl: string;
  signer: RequestSigner;
  target: 'ministry' | 'stand-in';
  timeoutMs?: number;
  /** Mutual TLS (MINISTRY_TLS_CERT_FILE, _KEY_FILE, _CA_FILE): the client certificate presented on every connection. */
  tls?: MinistryTls | null;
};

const retryAfterMs = (value: string | null): number | undefined => {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
};

/**
 * The HTTP JSON client: every request signed with SM2/SM3 (wire.ts `signRequest`) under the
 * configured client id and key, over mutual TLS when configured (transport.ts). Transport
 * failures never throw: they come back as `failed` with a reason (a refused handshake is
 * `TLS`), so the worker decides about retries in one place.
 */
export function createHttpMinistryClient(options: HttpMinistryClientOptions): MinistryClient {
  const base = options.baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const transport = createMinistryTransport({ baseUrl: base, tls: options.tls, timeoutMs });

  async function request(method: 'GET' | 'POST', p: string, body: string) {
    const url = new URL(base + p);
    const headers = {
      ...signRequest(options.signer, method, url.pathname + url.search, body),
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    };
    return transport.request(method, url, headers, body);
  }

  async function getJson<T>(p: string): Promise<T> {
    const res = await request('GET', p, '');
    if (res.status !== 200) throw new Error(`ministry ${p}: HTTP ${res.status}`);
    return JSON.parse(res.text) as T;
  }

  return {
    target: options.target,
    async sendBatch(batch) {
      let res: Awaited<ReturnType<typeof request>>;
      try {
        res = await request('POST', '/v1/certificates/batch', JSON.stringify(batch));
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        if (err.timeout) return { kind: 'failed', reason: 'TIMEOUT', detail: `no answer within ${timeoutMs} ms` };
        return {
          kind: 'failed',
          reason: isTlsFailure(err.code) ? 'TLS' : 'CONNECTION',
          detail: err.code.slice(0, 200),
        };
      }
      const { text } = res;
      if (res.status === 429)
        return {
          kind: 'failed',
          reason: 'RATE_LIMITED',
          detail: 'HTTP 429',
          retryAfterMs: retryAfterMs(res.retryAfter),
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
    close: transport.close,
  };
}
