import {
  buildCertificateIdentifier,
  getCertificateType,
  type ApplicationKind,
  type CertificateTypeDefinition,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { SigningPool } from '../../lib/signing-pool';
import type { KeyMaterial } from '../../lib/key-material';
import type { IssuingAuthorities } from '../../lib/issuing-authorities';
import type { PhotoRepo } from '../photos';
import type { CertificateRow } from './applications.repo';
import type { IssuanceRepo } from './issuance.repo';
import {
  authorityFor,
  extensionFor,
  isoDate,
  issueReasonOf,
  numberFor,
  validityFor,
  type Authority,
} from './issuance-terms';
import { signCanonicalWith, SIGNATURE_ALGORITHM, type CanonicalCertificateData } from '../certificates';

/**
 * Issuance of the electronic certificate when an application is approved — always inside
 * the approval's transaction (docs/applications.md, "Issuance"): the terms decided
 * (issuance-terms.ts), the certificate signed and written, the base replaced, the outbox row.
 */

const replacedReasonOf: Record<ApplicationKind, string> = {
  INITIAL: '已重新申领电子证照',
  CONVERSION: '已换发电子证照',
  REPLACEMENT: '已换发',
  REISSUE: '已补发',
  CHANGE: '已变更，换发新版本电子证照',
  RENEWAL: '已延续，换发电子证照',
};

export type IssuanceDeps = {
  fieldCrypto: FieldCrypto;
  keys: KeyMaterial;
  /** Signs off the main thread when the container has a pool (lib/signing-pool.ts). */
  signingPool?: Pick<SigningPool, 'sm2Sign'>;
  config: { issuingAuthorities: IssuingAuthorities };
};

export type ApprovedApplication = {
  id: string;
  holderId: string;
  typeCode: string;
  kind: ApplicationKind;
  baseCertificateId: string | null;
  areaCode: string;
  formData: unknown;
};

/** The repos of the approval's transaction that issuance writes through. */
export type IssuanceRepos = { issuance: IssuanceRepo; photos: Pick<PhotoRepo, 'attachedPortrait'> };

/** Identifier: a CHANGE of an electronic certificate keeps its serial and bumps the version. */
async function identifierFor(
  repo: IssuanceRepo,
  type: CertificateTypeDefinition,
  authority: Authority,
  kind: ApplicationKind,
  base: CertificateRow | null,
) {
  const kept = kind === 'CHANGE' && base?.carrier === 'ELECTRONIC' && base.serial ? base.serial : null;
  const serial = kept ?? (await repo.nextSerial());
  const version = kept ? base!.version + 1 : 1;
  const identifier = buildCertificateIdentifier({
    typeCode: type.typeCode,
    issuerCode: authority.code,
    serial,
    version,
  });
  return { serial, version, identifier };
}

/** Portrait: the application's attached photo, else the replaced base's (moved: portraitPhotoId is unique). */
async function portraitFor(
  r: IssuanceRepos,
  type: CertificateTypeDefinition,
  application: ApprovedApplication,
  base: CertificateRow | null,
): Promise<string | null> {
  const attached = type.photo ? await r.photos.attachedPortrait(application.id) : null;
  if (attached) return attached.id;
  if (!base?.portraitPhotoId || application.kind === 'INITIAL') return null;
  await r.issuance.releasePortrait(base.id);
  return base.portraitPhotoId;
}

/** The certificate it replaces: 已换发, never deleted; only once (replacedById is unique). */
async function replaceBase(
  repo: IssuanceRepo,
  base: CertificateRow,
  application: ApprovedApplication,
  replacedById: string,
  staffUserId: string,
  now: Date,
) {
  const replaced = await repo.markReplaced(base.id, {
    statusReason: replacedReasonOf[application.kind],
    at: now,
    replacedById,
  });
  if (!replaced) throw new AppError('CONFLICT', { message: '原证照已被换发或状态已变化' });
  await repo.addEvent({
    certificateId: base.id,
    kind: 'REPLACED',
    actorId: staffUserId,
    detail: { applicationId: application.id, replacedById },
  });
}

/**
 * Issues the electronic certificate for an approved application (on the repos of the
 * caller's transaction): number, GB/T 36904 identifier, validity, issuer, portrait,
 * SM2/SM3 signature, the replaced certificate marked 已换发, events on both, and the
 * aggregation outbox row.
 */
export async function issueCertificate(
  r: IssuanceRepos,
  deps: IssuanceDeps,
  application: ApprovedApplication,
  staffUserId: string,
  now = new Date(),
) {
  const type = getCertificateType(application.typeCode);
  if (!type) throw new AppError('APPLICATION_NOT_ALLOWED', { message: '未知的证照类型' });
  const repo = r.issuance;
  const holder = await repo.holder(application.holderId);
  const base = application.baseCertificateId ? await repo.certificate(application.baseCertificateId) : null;

  const authority = authorityFor(deps.config.issuingAuthorities, base, application.areaCode);
  const { number, sealed } = numberFor(deps.fieldCrypto, type, holder, base, application.areaCode);
  const { serial, version, identifier } = await identifierFor(repo, type, authority, application.kind, base);
  const validity = validityFor(type, application.kind, base, now);
  const extension = extensionFor(type, base, application.formData);
  const portraitPhotoId = await portraitFor(r, type, application, base);

  const data: CanonicalCertificateData = {
    typeCode: type.typeCode,
    typeName: type.name,
    identifier,
    number,
    holderName: holder.name,
    holderTypeCode: holder.holderTypeCode,
    holderIdentityCode: type.holderKind === 'PERSON' ? number : (holder.creditCode ?? ''),
    carrier: 'ELECTRONIC',
    version,
    issueReason: issueReasonOf[application.kind],
    firstIssuedOn: isoDate(base?.firstIssuedOn ?? validity.issuedOn),
    issuedOn: isoDate(validity.issuedOn)!,
    validFrom: isoDate(validity.validFrom)!,
    validUntil: isoDate(validity.validUntil),
    issuingAuthority: authority.name,
    issuingAuthorityCode: authority.code,
    areaCode: base?.areaCode ?? application.areaCode,
    extension,
  };
  const { signing } = deps.keys;
  const signature = await signCanonicalWith(data, signing.privateKey, deps.signingPool);

  // The public key list: the key that signed is published (idempotent).
  const spki = signing.publicKey.export({ type: 'spki', format: 'der' });
  await repo.publishSigningKey({ kid: signing.kid, algorithm: SIGNATURE_ALGORITHM, publicKey: new Uint8Array(spki) });

  const certificate = await repo.createElectronicCertificate({
    typeCode: type.code,
    identifier,
    serial,
    version,
    numberEnc: sealed.enc,
    numberHash: sealed.hash,
    numberMasked: sealed.masked,
    holderId: application.holderId,
    vehicleId: base?.vehicleId ?? null,
    issueReason: data.issueReason,
    firstIssuedOn: base?.firstIssuedOn ?? validity.issuedOn,
    ...validity,
    issuingAuthority: authority.name,
    issuingAuthorityCode: authority.code,
    areaCode: data.areaCode,
    extension,
    portraitPhotoId,
    signatureAlg: SIGNATURE_ALGORITHM,
    signatureKeyId: signing.kid,
    signature: new Uint8Array(signature),
    signedAt: now,
  });
  await repo.addEvent({
    certificateId: certificate.id,
    kind: 'ISSUED',
    actorId: staffUserId,
    detail: { applicationId: application.id, applicationKind: application.kind, replaces: base?.id ?? null },
  });
  if (base && application.kind !== 'INITIAL') {
    await replaceBase(repo, base, application, certificate.id, staffUserId, now);
    // 已换发: the ministry learns the old certificate's new status too (docs/aggregation.md).
    await repo.enqueueAggregation(base.id, 'REPLACED', { replacedById: certificate.id });
  }
  await repo.enqueueAggregation(certificate.id, 'ISSUED', { applicationKind: application.kind });

  return { certificate, data };
}
