import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * Mutual TLS to the ministry (docs/aggregation.md, "Transport"): our client certificate and key,
 * and the CA the ministry's server certificate must chain to, all PEM. Absent: plain HTTP(S) with
 * the system's CAs and no client certificate.
 */
export type MinistryTls = { cert?: Buffer | string; key?: Buffer | string; ca: Buffer | string };

export type TransportResponse = { status: number; retryAfter: string | null; text: string };

/** A request that never got an answer: `code` is node's error code (ECONNRESET, ERR_SSL_…), `timeout` when ours ran out. */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    readonly timeout: boolean,
  ) {
    super(code);
  }
}

/** Node's codes of a refused or failed TLS handshake (certificate unknown, required, expired, wrong name …). */
const tlsCode = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;
export const isTlsFailure = (code: string) => tlsCode.test(code);

/**
 * The connection pool the ministry client sends through: one keep-alive agent per client —
 * an https.Agent carrying the client certificate when mutual TLS is configured (the agent
 * presents it on every handshake and checks the server against `ca` only).
 */
export function createMinistryTransport(options: { baseUrl: string; tls?: MinistryTls | null; timeoutMs: number }) {
  const base = new URL(options.baseUrl);
  const secure = base.protocol === 'https:';
  if (options.tls && !secure) throw new Error('MINISTRY_TLS_*: mutual TLS needs an https:// MINISTRY_URL');
  const agent = secure
    ? new HttpsAgent({
        keepAlive: true,
        maxSockets: 16,
        ...options.tls,
      })
    : new HttpAgent({ keepAlive: true, maxSockets: 16 });
  const send = secure ? httpsRequest : httpRequest;

  function request(method: 'GET' | 'POST', url: URL, headers: Record<string, string>, body: string) {
    return new Promise<TransportResponse>((resolve, reject) => {
      const signal = AbortSignal.timeout(options.timeoutMs);
      const req = send(url, { method, headers, agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : null,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (err) => reject(failure(err, signal)));
      });
      req.on('error', (err) => reject(failure(err, signal)));
      req.end(method === 'POST' ? body : undefined);
    });
  }

  const failure = (err: Error & { code?: string }, signal: AbortSignal) =>
    signal.aborted || err.name === 'AbortError'
      ? new TransportError('TIMEOUT', true)
      : new TransportError(err.code ?? err.message, false);

  return {
    request,
    /** Closes pooled connections (tests, shutdown). */
    close: () => agent.destroy(),
  };
}

export type MinistryTransport = ReturnType<typeof createMinistryTransport>;
