import { heldQrAt } from '@roadcert/shared/presentation';
import type { PresentationBatch } from '@roadcert/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHolders } from '../../seed/demo-holders';
import { demoStaff } from '../../seed/staff';
import { signInAccount, staffSessionToken, startTestApp, type TestApp } from '../../test/app';
import { renderVerifyPage } from './verify-page';

/** `/v/<token>`, the URL in every holder QR: the verdict is in the HTML of the first response. */
let t: TestApp;
const driver = demoHolders.find((h) => h.key === 'driver-electronic')!;

beforeAll(async () => {
  t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://roadcert.jtt.example.gov.cn' } });
}, 60_000);
afterAll(() => t?.close());

let holderToken: string | undefined;
async function liveQrDigits(): Promise<{ digits: string; certificateId: string }> {
  const token = (holderToken ??= (await signInAccount(t, { holderKey: driver.key })).token);
  const list = (await t.api('/api/v1/me/certificates', { token })).json as { items: { id: string; carrier: string }[] };
  const ids = list.items.filter((c) => c.carrier === 'ELECTRONIC').map((c) => c.id);
  for (const id of ids) {
    const res = await t.api(`/api/v1/me/certificates/${id}/presentation`, { token });
    if (res.status !== 200) continue;
    const qr = heldQrAt(res.json as PresentationBatch, Date.now())!.qrText;
    return { digits: qr.slice(qr.lastIndexOf('/v/') + 3), certificateId: id };
  }
  throw new Error('the demo driver has no presentable certificate');
}

const page = (digits: string) => fetch(`${t.baseUrl}/v/${digits}`, { redirect: 'manual' });

describe('GET /v/<token>: the verdict rendered on the server', () => {
  it('answers 有效 with the masked face in one small, uncached HTML document with no script, and logs the use', async () => {
    const { digits, certificateId } = await liveQrDigits();
    await t.usageLog.flush();
    const before = await t.prisma.verificationEvent.count({ where: { certificateId } });
    const res = await page(digits);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('class="verdict__title">有效<');
    expect(html).toContain('王*');
    expect(html).not.toContain(driver.name);
    expect(html).not.toContain(driver.identityCode);
    expect(html).not.toMatch(/<script|<link /i);
    expect(Buffer.byteLength(html)).toBeLessThan(30 * 1024);
    expect(html).toContain(`/pkg-verify/pages/verify/index?t=${digits}`);
    expect(html).toContain('不得以无法出示电子证照为由认定为未取得道路运输经营许可进行行政处罚');
    await t.usageLog.flush();
    const events = await t.prisma.verificationEvent.findMany({ where: { certificateId }, orderBy: { at: 'desc' } });
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({ verifierRole: 'anonymous', result: 'VALID', channel: 'QR_PORTAL' });
  });

  it('says 无效 and why once the certificate is revoked', async () => {
    const { digits, certificateId } = await liveQrDigits();
    const reviewer = await staffSessionToken(t, demoStaff.username);
    const change = await t.api(`/api/v1/staff/certificates/${certificateId}/status`, {
      token: reviewer,
      body: { status: 'REVOKED', reason: '测试：吊销后核验' },
    });
    expect(change.status).toBe(200);
    const html = await (await page(digits)).text();
    expect(html).toContain('class="verdict__title">无效<');
    expect(html).toContain('吊销');
  });

  it('finds a damaged or foreign code 二维码无效, and escapes what it echoes', async () => {
    for (const token of ['12345', '1'.repeat(900), '%3Cscript%3Ealert(1)%3C%2Fscript%3E']) {
      const res = await page(token);
      const html = await res.text();
      expect(res.status).toBe(200);
      expect(html).toContain('class="verdict__title">二维码无效<');
      expect(html).not.toContain('<script>');
    }
  });

  it('gives the check time on China’s clock, whatever the server’s zone', () => {
    const html = renderVerifyPage(
      {
        verdict: 'INVALID',
        reason: '',
        certificate: null,
        fieldsShown: [],
        scope: 'anonymous',
        checkedAt: '2026-12-03T16:20:05.000Z',
        token: null,
      },
      '1',
    );
    expect(html).toContain('核验时间：2026年12月04日 00:20:05（北京时间）');
  });
});
