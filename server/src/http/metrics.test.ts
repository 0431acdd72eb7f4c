import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { enqueueAggregation } from '../modules/certificates';
import { startTestApp, type TestApp } from '../test/app';
import { productionEnv } from '../test/production-env';

/** One sample's value from the Prometheus text, by its full series name (with labels). */
const sample = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

/** A plain GET (t.api reads JSON): status, headers and text. */
async function get(t: TestApp, route: string, token?: string) {
  const res = await fetch(t.baseUrl + route, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('GET /metrics on the embedded default (no METRICS_TOKEN: open)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.deps.aggregation.stop();
    await t.close();
  });

  it('serves the default process metrics and HTTP requests by route template, never a raw path', async () => {
    const id = randomUUID();
    expect((await get(t, `/api/v1/me/certificates/${id}`)).status).toBe(401);
    await get(t, '/api/v1/no-such-route');
    const res = await get(t, '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).toContain('nodejs_eventloop_lag_seconds');
    expect(
      sample(res.text, 'roadcert_http_requests_total{method="GET",route="/api/v1/me/certificates/:id",status="401"}'),
    ).toBe(1);
    expect(res.text).toMatch(
      /roadcert_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/me\/certificates\/:id",status="401"\} 1/,
    );
    expect(sample(res.text, 'roadcert_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
    expect(res.text).not.toContain(id);
    expect(res.text).not.toContain('no-such-route');
  });

  it('reads the aggregation gauges from the database: rate, queue by state, lag, workers and their breaker, reconciliation', async () => {
    const certs = await t.prisma.certificate.findMany({ where: { carrier: 'ELECTRONIC' }, take: 3 });
    for (const c of certs) await t.prisma.$transaction((tx) => enqueueAggregation(tx, c.id, 'CHANGED'));
    await new Promise((r) => setTimeout(r, 5_100)); // the previous scrape's reading is cached 5 s
    const before = await get(t, '/metrics');
    expect(sample(before.text, 'roadcert_aggregation_metrics_up')).toBe(1);
    expect(sample(before.text, 'roadcert_aggregation_outbox_entries{state="PENDING"}')).toBeGreaterThanOrEqual(3);
    expect(sample(before.text, 'roadcert_aggregation_workers{breaker="closed"}')).toBe(0);

    // The worker in this process (and the stand-in) deliver; its heartbeat reaches the table.
    await t.deps.aggregation.start({ runWorker: true });
    const worker = t.deps.aggregation.worker()!;
    expect(await worker.drain(20_000)).toBe(true);
    await t.deps.aggregation.reconcile();
    await new Promise((r) => setTimeout(r, 5_100)); // past the 5 s cache
    const after = (await get(t, '/metrics')).text;
    expect(sample(after, 'roadcert_aggregation_outbox_entries{state="PENDING"}')).toBe(0);
    expect(sample(after, 'roadcert_aggregation_dead_letters')).toBe(0);
    expect(sample(after, 'roadcert_aggregation_rate')).toBe(1);
    const type = certs[0]!.typeCode;
    expect(sample(after, `roadcert_aggregation_rate_by_type{type_code="${type}"}`)).toBe(1);
    expect(sample(after, 'roadcert_aggregation_lag_seconds{quantile="0.99"}')).toBeGreaterThan(0);
    expect(sample(after, 'roadcert_aggregation_workers{breaker="closed"}')).toBe(1);
    expect(sample(after, 'roadcert_aggregation_breaker_open')).toBe(0);
    expect(sample(after, 'roadcert_aggregation_reconciliation_state{state="MATCHED"}')).toBe(1);
    expect(sample(after, 'roadcert_aggregation_reconciliation{figure="mismatched"}')).toBe(0);

    // Another process (here: another registry on the same database) answers the same figures.
    const other = new Registry();
    t.deps.aggregation.registerMetrics(other);
    const aggregationLines = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('roadcert_aggregation_'))
        .join('\n');
    expect(aggregationLines(await other.metrics())).toBe(aggregationLines(after));

    await t.deps.aggregation.stop();
    await new Promise((r) => setTimeout(r, 5_100));
    // A worker stopping cleanly takes its heartbeat away.
    expect(sample((await get(t, '/metrics')).text, 'roadcert_aggregation_workers{breaker="closed"}')).toBe(0);
  }, 60_000);
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'metrics-token-for-the-test-0123456789';
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false, env: { METRICS_TOKEN: token } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers only the Bearer token', async () => {
    const none = await get(t, '/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(none.text).not.toContain('process_cpu');
    expect((await get(t, '/metrics', 'wrong-token-wrong-token-wrong')).status).toBe(401);
    const ok = await get(t, '/metrics', token);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('roadcert_aggregation_rate');
  });

  it('production refuses to start without METRICS_TOKEN, and a short one anywhere', () => {
    const { METRICS_TOKEN: _token, ...env } = productionEnv;
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/METRICS_TOKEN: required in production/);
    expect(loadConfig(productionEnv).metrics.token).toBe(productionEnv.METRICS_TOKEN);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({}).metrics.token).toBeNull();
  });
});
