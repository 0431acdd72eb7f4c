import { expect } from 'vitest';
import { consentTexts, type ConsentKind } from '@roadcert/shared';
import { demoHolders } from '../seed/demo-holders';
import type { TestApp } from './app';

/** Test steps through the real identity API (consent, real-name binding, stand-in face check). */
export const demo = (key: (typeof demoHolders)[number]['key']) => demoHolders.find((h) => h.key === key)!;

export async function grantConsents(t: TestApp, token: string, kinds: ConsentKind[]) {
  for (const kind of kinds) {
    const res = await t.api('/api/v1/me/consents', { token, body: { kind, textVersion: consentTexts[kind].version } });
    expect(res.status, res.text).toBe(200);
  }
}

/** Consents to PRIVACY_POLICY + ID_NUMBER and binds the account to a seeded person. */
export async function bindRealNameAs(t: TestApp, token: string, key: (typeof demoHolders)[number]['key']) {
  await grantConsents(t, token, ['PRIVACY_POLICY', 'ID_NUMBER']);
  const person = demo(key);
  const res = await t.api('/api/v1/me/real-name', {
    token,
    body: { name: person.name, idNumber: person.identityCode },
  });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

/** FACE_DATA consent + a passed stand-in face verification; returns the result body. */
export async function passStandInFace(t: TestApp, token: string) {
  await grantConsents(t, token, ['FACE_DATA']);
  const started = await t.api('/api/v1/me/face-verifications', { token, method: 'POST' });
  expect(started.status, started.text).toBe(201);
  const done = await t.api(`/api/v1/me/face-verifications/${started.json.verificationId}/complete`, {
    token,
    body: { standInOutcome: 'pass' },
  });
  expect(done.status, done.text).toBe(200);
  return done.json;
}

/** Audit rows of one action, newest last. */
export const auditRows = (t: TestApp, action: string) =>
  t.prisma.auditLog.findMany({ where: { action }, orderBy: { seq: 'asc' } });
