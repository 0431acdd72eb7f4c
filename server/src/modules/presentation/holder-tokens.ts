import { createHmac } from 'node:crypto';
import { certificateStatuses, maskPersonName, type PresentationBatch } from '@roadcert/shared';
import {
  anchorSigningInput,
  base64urlEncode,
  CHAIN_VALUE_BYTES,
  encodeAnchorBody,
  fitTokenText,
  TOKEN_V2_MAX_TEXT_BYTES,
  type AnchorClaims,
} from '@roadcert/shared/presentation';
import type { ObjectStorage } from '../../adapters/storage';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { KeyMaterial } from '../../lib/key-material';
import { sm2PrivateScalar } from '../../lib/sm2-der';
import { effectiveStatus, type CertificateAccess } from '../certificates';
import type { AuthState } from '../account';
import type { AnchorRepo, AnchorRow } from './anchors.repo';
import { presentHolderFace } from './presentation.presenter';
import type { FaceRow, PresentationRepo } from './presentation.repo';
import type { Keyring } from './signing-keys';
import type { StatusListService } from './status-list';

export type HolderTokensDeps = {
  config: Pick<Config, 'presentation' | 'publicBaseUrl' | 'storage'>;
  faces: Pick<PresentationRepo, 'face'>;
  anchors: AnchorRepo;
  storage: Pick<ObjectStorage, 'signedUrl'>;
  /** The chain seeds are derived from the service's signing key (never stored). */
  keys: Pick<KeyMaterial, 'signing'>;
};

/**
 * Windows per interval: one signature covers CHAIN_LINKS windows (2 h at 60 s, 12 a day).
 * A verifier hashes at most this many SM3 blocks per scan (~1 µs each, docs/presentation-token.md).
 */
export const CHAIN_LINKS = 120;

/** Why a certificate cannot be shown (null: it can). ELECTRONIC + activated + VALID only. */
function refusal(row: FaceRow): string | null {
  if (row.carrier !== 'ELECTRONIC') return `${row.carrier === 'PAPER' ? '纸质证' : 'IC卡证'}不能亮证，请申领电子证照`;
  if (!row.activatedAt) return '电子证照尚未激活，请先完成激活';
  const status = effectiveStatus(row);
  if (status.status !== 'VALID')
    return `证照${certificateStatuses[status.status].label}${row.statusReason ? `（${row.statusReason}）` : ''}，不能亮证`;
  if (!status.valid) return '证照尚未生效，不能亮证';
  return null;
}

/**
 * The holder's material (token version 2): the certificate face and, for every interval
 * (CHAIN_LINKS windows) that overlaps the next `hours` (capped), the anchor the service signed
 * once for it and the chain seed, from which the phone derives each window's token. Anchors are
 * bound to the status index and the current presentation epoch, so revoking or suspending
 * (epoch + 1) kills everything fetched ahead — as does removing the member or driver who
 * fetched them (operators/presenter-changes.ts). An anchor is signed once per (certificate,
 * interval, epoch) and kept (anchors.repo.ts): opening 亮证 again signs nothing unless the
 * certificate changed.
 */
export function createHolderTokens(
  deps: HolderTokensDeps,
  access: Pick<CertificateAccess, 'reach'>,
  keyring: Keyring,
  statusList: StatusListService,
) {
  const p = deps.config.presentation;
  // seed = HMAC-SHA256(chainKey, anchor body)[0..16]: any field change gives another chain.
  const chainKey = createHmac('sha256', sm2PrivateScalar(deps.keys.signing.privateKey))
    .update('roadcert/presentation-chain-seed/2')
    .digest();
  const seedOf = (body: Uint8Array) =>
    new Uint8Array(createHmac('sha256', chainKey).update(body).digest().subarray(0, CHAIN_VALUE_BYTES));
  /** Anchors signed by this process (the bench and the tests count them). */
  let signatures = 0;

  async function batch(
    state: AuthState,
    certificateId: string,
    requestedHours: number | undefined,
  ): Promise<PresentationBatch> {
    // Presenting is acting for the holder: a VIEWER gets 403, a driver only their vehicle's.
    const reach = await access.reach(state, certificateId, 'present');
    const row = await deps.faces.face(reach.certificateId);
    const refused = refusal(row);
    if (refused) throw new AppError('NOT_PRESENTABLE', { message: refused });
    const statusIndex = row.statusIndex ?? (await statusList.ensureIndex(row.id));
    const signer = await keyring.active();
    const hours = Math.min(requestedHours ?? p.batchHours, p.batchMaxHours);
    const window = p.windowSeconds;
    const length = CHAIN_LINKS * window;
    const now = Math.floor(Date.now() / 1000);
    const first = Math.floor(now / length) * length;
    const starts: number[] = [];
    for (let start = first; start < now + hours * 3600; start += length) starts.push(start);
    const epoch = row.presentationEpoch & 0xffff;
    const text = fitTokenText(
      row.holder.kind === 'PERSON' ? maskPersonName(row.holder.name) : row.holder.name,
      row.numberMasked,
      TOKEN_V2_MAX_TEXT_BYTES,
    );
    const base: Omit<AnchorClaims, 'intervalStart'> = {
      alg: signer.suite.alg,
      kid: signer.kid,
      statusIndex,
      typeCode: row.typeCode,
      epoch,
      windowSeconds: window,
      links: CHAIN_LINKS,
      validUntil: row.validUntil ? row.validUntil.toISOString().slice(0, 10) : null,
      ...text,
    };
    const kept = new Map(
      (
        await deps.anchors.find(
          row.id,
          epoch,
          starts.map((s) => new Date(s * 1000)),
        )
      ).map((a) => [a.intervalStart.getTime() / 1000, a]),
    );
    const fresh: AnchorRow[] = [];
    const changed: AnchorRow[] = [];
    // The anchors to sign are signed at once: the pool spreads them over its threads.
    const intervals = await Promise.all(
      starts.map(async (start) => {
        const body = encodeAnchorBody({ ...base, intervalStart: start });
        const seed = seedOf(body);
        const held = kept.get(start);
        let signature = held?.signature;
        // Kept only while its body is the same byte for byte (texts, validity end, key unchanged).
        if (!held || !signature || !sameBytes(held.body, body)) {
          signature = await signer.sign(anchorSigningInput(body, seed));
          signatures += 1;
          const signed: AnchorRow = {
            certificateId: row.id,
            intervalStart: new Date(start * 1000),
            epoch,
            kid: signer.kid,
            body,
            signature,
          };
          (held ? changed : fresh).push(signed);
        }
        const anchor = new Uint8Array(body.length + signature.length);
        anchor.set(body);
        anchor.set(signature, body.length);
        return {
          start: new Date(start * 1000).toISOString(),
          end: new Date((start + length) * 1000).toISOString(),
          anchor: base64urlEncode(anchor),
          seed: base64urlEncode(seed),
        };
      }),
    );
    // Old anchors go with the hourly clean-up job (jobs/anchors.ts), not on every fetch.
    if (fresh.length > 0) await deps.anchors.insert(fresh);
    for (const anchorRow of changed) await deps.anchors.replace(anchorRow);
    return {
      version: 2,
      face: await presentHolderFace(row, deps.storage, deps.config.storage.urlTtlSeconds),
      qrBaseUrl: deps.config.publicBaseUrl.replace(/\/+$/, ''),
      intervals,
      windowSeconds: window,
      generatedAt: new Date().toISOString(),
      alg: signer.suite.alg,
      kid: signer.kid,
    };
  }

  return { batch, signatureCount: () => signatures };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
