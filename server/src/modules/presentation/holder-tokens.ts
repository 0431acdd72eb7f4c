import { certificateStatuses, maskPersonName, type PresentationBatch } from '@roadcert/shared';
import { encodeToken, fitTokenText, tokenToQrText, type TokenClaims } from '@roadcert/shared/presentation';
import type { ObjectStorage } from '../../adapters/storage';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import { effectiveStatus, type CertificateAccess } from '../certificates';
import type { AuthState } from '../account';
import { presentHolderFace } from './presentation.presenter';
import type { FaceRow, PresentationRepo } from './presentation.repo';
import type { Keyring } from './signing-keys';
import type { StatusListService } from './status-list';

export type HolderTokensDeps = {
  config: Pick<Config, 'presentation' | 'publicBaseUrl' | 'storage'>;
  faces: Pick<PresentationRepo, 'face'>;
  storage: Pick<ObjectStorage, 'signedUrl'>;
};

/** Signing 1,440 tokens takes a while: let other requests run every this many. */
const YIELD_EVERY = 64;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

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
 * The holder's batch: the certificate face and tokens for consecutive windows from the
 * current one for `hours` (capped), each bound to the certificate id and its current
 * presentation epoch, so revoking or suspending (epoch + 1) kills every token fetched ahead —
 * as does removing the member or driver who fetched them (operators/presenter-changes.ts).
 */
export function createHolderTokens(
  deps: HolderTokensDeps,
  access: Pick<CertificateAccess, 'reach'>,
  keyring: Keyring,
  statusList: StatusListService,
) {
  const p = deps.config.presentation;

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
    const first = Math.floor(Date.now() / 1000 / window) * window;
    const count = Math.ceil((hours * 3600) / window);
    const text = fitTokenText(
      row.holder.kind === 'PERSON' ? maskPersonName(row.holder.name) : row.holder.name,
      row.numberMasked,
    );
    const base: Omit<TokenClaims, 'notBefore' | 'notAfter'> = {
      alg: signer.suite.alg,
      kid: signer.kid,
      certificateId: row.id,
      typeCode: row.typeCode,
      status: 'VALID',
      epoch: row.presentationEpoch & 0xffff,
      statusIndex,
      validUntil: row.validUntil ? row.validUntil.toISOString().slice(0, 10) : null,
      ...text,
    };
    const tokens: PresentationBatch['tokens'] = [];
    for (let i = 0; i < count; i++) {
      if (i > 0 && i % YIELD_EVERY === 0) await yieldToEventLoop();
      const notBefore = first + i * window;
      const bytes = encodeToken({ ...base, notBefore, notAfter: notBefore + window }, (body) => signer.sign(body));
      tokens.push({
        qrText: tokenToQrText(deps.config.publicBaseUrl, bytes),
        notBefore: new Date(notBefore * 1000).toISOString(),
        notAfter: new Date((notBefore + window) * 1000).toISOString(),
      });
    }
    return {
      face: await presentHolderFace(row, deps.storage, deps.config.storage.urlTtlSeconds),
      tokens,
      windowSeconds: window,
      generatedAt: new Date().toISOString(),
      alg: signer.suite.alg,
      kid: signer.kid,
    };
  }

  return { batch };
}
