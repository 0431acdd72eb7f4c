import { createHash, type KeyObject } from 'node:crypto';
import {
  buildCertificateIdentifier,
  fieldValueFromForm,
  getCertificateType,
  isEmptyFieldValue,
  maskIdNumber,
  type ApplicationKind,
} from '@roadcert/shared';
import { AppError } from '../../errors';
import { canonicalJson } from '../../lib/audit';
import type { FieldCrypto } from '../../lib/field-crypto';
import type { KeyMaterial } from '../../lib/key-material';
import type { IssueReason, Prisma } from '../../generated/prisma/client';
import { issuingAuthorityFor, type IssuingAuthorities } from './issuing-authorities';
import { sm2SignDer, sm2VerifyDer } from '../../lib/sm2-der';

/**
 * Issuance of the electronic certificate when an application is approved — always inside
 * the approval's transaction (docs/applications.md, "Issuance").
 */

const DAY = 86_400_000;
/** Advisory lock serialising serial allocation (audit uses 727275, migrations 727274). */
const SERIAL_LOCK = 727_276;
export const SIGNATURE_ALGORITHM = 'SM2-SM3';

const issueReasonOf: Record<ApplicationKind, IssueReason> = {
  INITIAL: 'INITIAL',
  CONVERSION: 'REPLACEMENT',
  REPLACEMENT: 'REPLACEMENT',
  REISSUE: 'REISSUE',
  CHANGE: 'CHANGE',
  RENEWAL: 'RENEWAL',
};

const replacedReasonOf: Record<ApplicationKind, string> = {
  INITIAL: '已重新申领电子证照',
  CONVERSION: '已换发电子证照',
  REPLACEMENT: '已换发',
  REISSUE: '已补发',
  CHANGE: '已变更，换发新版本电子证照',
  RENEWAL: '已延续，换发电子证照',
};

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const today = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * DAY);
const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()));

/** The certificate face data that is signed: every field a verifier compares. */
export type CanonicalCertificateData = {
  typeCode: string;
  typeName: string;
  identifier: string;
  number: string;
  holderName: string;
  holderTypeCode: string;
  holderIdentityCode: string;
  carrier: 'ELECTRONIC';
  version: number;
  issueReason: IssueReason;
  firstIssuedOn: string | null;
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  issuingAuthority: string;
  issuingAuthorityCode: string;
  areaCode: string;
  extension: Record<string, unknown>;
};

/** The exact bytes that are signed: sorted-key JSON (no whitespace), UTF-8. */
export const canonicalBytes = (data: CanonicalCertificateData) => Buffer.from(canonicalJson(data), 'utf8');

/** SM2 signature with SM3 and the standard user id 1234567812345678, DER (docs/presentation-token.md, "SM2"). */
export const signCanonical = (data: CanonicalCertificateData, privateKey: KeyObject) =>
  sm2SignDer(canonicalBytes(data), privateKey);
export const verifyCanonical = (data: CanonicalCertificateData, signature: Uint8Array, publicKey: KeyObject) =>
  sm2VerifyDer(canonicalBytes(data), signature, publicKey);

type Deps = { fieldCrypto: FieldCrypto; keys: KeyMaterial; config: { issuingAuthorities: IssuingAuthorities } };

type ApprovedApplication = {
  id: string;
  holderId: string;
  typeCode: string;
  kind: ApplicationKind;
  baseCertificateId: string | null;
  areaCode: string;
  formData: Prisma.JsonValue;
};

/** Next serial: the largest numeric serial + 1, allocated under a transaction-scoped lock. */
async function nextSerial(tx: Prisma.TransactionClient): Promise<string> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SERIAL_LOCK}::bigint)`;
  const rows = await tx.$queryRaw<
    { max: string | null }[]
  >`SELECT MAX(CAST("serial" AS BIGINT))::text AS max FROM "Certificate" WHERE "serial" ~ '^[0-9]{1,18}$'`;
  const max = rows[0]?.max ? BigInt(rows[0].max) : 2026_000_000n;
  return String(max + 1n);
}

/**
 * Issues the electronic certificate for an approved application (the caller's transaction):
 * number, GB/T 36904 identifier, validity, issuer, portrait, SM2/SM3 signature, the replaced
 * certificate marked 已换发, events on both, and the aggregation outbox row.
 */
export async function issueCertificate(
  tx: Prisma.TransactionClient,
  deps: Deps,
  application: ApprovedApplication,
  staffUserId: string,
  now = new Date(),
) {
  const type = getCertificateType(application.typeCode);
  if (!type) throw new AppError('APPLICATION_NOT_ALLOWED', { message: '未知的证照类型' });
  const holder = await tx.holder.findUniqueOrThrow({ where: { id: application.holderId } });
  const base = application.baseCertificateId
    ? await tx.certificate.findUniqueOrThrow({ where: { id: application.baseCertificateId } })
    : null;

  // Issuer: the base certificate's authority, else the region's configured default (ROADCERT_ISSUING_AUTHORITIES).
  const configured = base ? null : issuingAuthorityFor(deps.config.issuingAuthorities, application.areaCode);
  const authority = base
    ? { name: base.issuingAuthority, code: base.issuingAuthorityCode }
    : configured
      ? { name: configured.name, code: configured.uscc }
      : null;
  if (!authority) throw new AppError('APPLICATION_NOT_ALLOWED', { message: '未配置该地区的发证机关，暂不能发证' });

  // Number: 从业资格证 (person types) = the holder's ID number, sealed like the seed does.
  let number: string;
  let sealedNumber: { enc: Uint8Array<ArrayBuffer>; hash: string; masked: string };
  if (type.holderKind === 'PERSON') {
    if (!holder.idNumberEnc) throw new AppError('APPLICATION_NOT_ALLOWED', { message: '持证人身份信息不完整' });
    number = deps.fieldCrypto.decrypt(holder.idNumberEnc, 'idNumber');
    const sealed = deps.fieldCrypto.sealIdNumber(number, 'certificateNumber');
    sealedNumber = {
      enc: sealed.enc,
      hash: deps.fieldCrypto.blindIndex(number, 'id-number'),
      masked: maskIdNumber(number),
    };
  } else if (base) {
    number = deps.fieldCrypto.decrypt(base.numberEnc, 'certificateNumber');
    sealedNumber = {
      enc: deps.fieldCrypto.encrypt(number, 'certificateNumber'),
      hash: base.numberHash,
      masked: base.numberMasked,
    };
  } else {
    number = `${application.areaCode}${Date.now().toString().slice(-8)}`;
    sealedNumber = deps.fieldCrypto.seal(number, 'certificateNumber', 'certificate-number', (n) => n);
  }

  // Identifier: a CHANGE of an electronic certificate keeps its serial and bumps the version.
  const isChangeOfElectronic = application.kind === 'CHANGE' && base?.carrier === 'ELECTRONIC' && base.serial;
  const serial = isChangeOfElectronic ? base.serial! : await nextSerial(tx);
  const version = isChangeOfElectronic ? base.version + 1 : 1;
  const identifier = buildCertificateIdentifier({
    typeCode: type.typeCode,
    issuerCode: authority.code,
    serial,
    version,
  });

  // Validity: 申领 and 延续 start a new period by the type's rule; the others keep the base's.
  const issuedOn = today(now);
  const newPeriod = !base || application.kind === 'INITIAL' || application.kind === 'RENEWAL';
  const validFrom = newPeriod ? issuedOn : base.validFrom;
  const validUntil = newPeriod ? addDays(issuedOn, Math.round(type.validity.years * 365.25) - 1) : base.validUntil;
  const reviewDueOn = type.validity.reviewIntervalMonths
    ? addMonths(issuedOn, type.validity.reviewIntervalMonths)
    : null;

  // Extension: the base's fields, overridden by the form's values for the type's declared
  // fields, stored in the certificate's shape (multiple-choice codes as arrays).
  const form = (application.formData ?? {}) as Record<string, unknown>;
  const extension: Record<string, unknown> = { ...((base?.extension ?? {}) as Record<string, unknown>) };
  for (const field of type.fields) {
    const value = form[field.key];
    if (
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') &&
      !isEmptyFieldValue(value)
    )
      extension[field.key] = fieldValueFromForm(field, value);
  }

  // Portrait: the application's attached photo, else the replaced base's (moved: portraitPhotoId is unique).
  const attached = type.photo
    ? await tx.photo.findFirst({
        where: { applicationId: application.id, purpose: 'PORTRAIT', state: 'ACCEPTED', deletedAt: null },
        orderBy: { createdAt: 'desc' },
        select: { id: true },
      })
    : null;
  const carriedPortrait =
    !attached && base?.portraitPhotoId && application.kind !== 'INITIAL' ? base.portraitPhotoId : null;
  if (carriedPortrait) await tx.certificate.update({ where: { id: base!.id }, data: { portraitPhotoId: null } });
  const portraitPhotoId = attached?.id ?? carriedPortrait;

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
    firstIssuedOn: isoDate(base?.firstIssuedOn ?? issuedOn),
    issuedOn: isoDate(issuedOn)!,
    validFrom: isoDate(validFrom)!,
    validUntil: isoDate(validUntil),
    issuingAuthority: authority.name,
    issuingAuthorityCode: authority.code,
    areaCode: base?.areaCode ?? application.areaCode,
    extension,
  };
  const signature = signCanonical(data, deps.keys.signing.privateKey);

  // The public key list: the key that signed is published (idempotent).
  const spki = deps.keys.signing.publicKey.export({ type: 'spki', format: 'der' });
  await tx.signingKey.upsert({
    where: { kid: deps.keys.signing.kid },
    create: { kid: deps.keys.signing.kid, algorithm: SIGNATURE_ALGORITHM, publicKey: new Uint8Array(spki) },
    update: {},
  });

  const certificate = await tx.certificate.create({
    data: {
      typeCode: type.code,
      identifier,
      serial,
      version,
      numberEnc: sealedNumber.enc,
      numberHash: sealedNumber.hash,
      numberMasked: sealedNumber.masked,
      holderId: application.holderId,
      vehicleId: base?.vehicleId ?? null,
      carrier: 'ELECTRONIC',
      status: 'VALID',
      issueReason: data.issueReason,
      firstIssuedOn: base?.firstIssuedOn ?? issuedOn,
      issuedOn,
      validFrom,
      validUntil,
      reviewDueOn,
      issuingAuthority: authority.name,
      issuingAuthorityCode: authority.code,
      areaCode: data.areaCode,
      extension: extension as Prisma.InputJsonValue,
      portraitPhotoId,
      signatureAlg: SIGNATURE_ALGORITHM,
      signatureKeyId: deps.keys.signing.kid,
      signature: new Uint8Array(signature),
      signedAt: now,
    },
  });
  await tx.certificateEvent.create({
    data: {
      certificateId: certificate.id,
      kind: 'ISSUED',
      actorKind: 'STAFF',
      actorId: staffUserId,
      detail: { applicationId: application.id, applicationKind: application.kind, replaces: base?.id ?? null },
    },
  });

  // The certificate it replaces: 已换发, never deleted; only once (replacedById is unique).
  if (base && application.kind !== 'INITIAL') {
    const replaced = await tx.certificate.updateMany({
      where: { id: base.id, replacedById: null, status: { in: ['VALID', 'EXPIRED'] } },
      data: {
        status: 'REPLACED',
        statusReason: replacedReasonOf[application.kind],
        statusChangedAt: now,
        replacedById: certificate.id,
        presentationEpoch: { increment: 1 },
      },
    });
    if (replaced.count !== 1) throw new AppError('CONFLICT', { message: '原证照已被换发或状态已变化' });
    await tx.certificateEvent.create({
      data: {
        certificateId: base.id,
        kind: 'REPLACED',
        actorKind: 'STAFF',
        actorId: staffUserId,
        detail: { applicationId: application.id, replacedById: certificate.id },
      },
    });
  }

  // For the ministry (aggregation, later): the signed bytes, encrypted because they carry the ID number.
  const bytes = canonicalBytes(data);
  await tx.aggregationOutbox.create({
    data: {
      certificateId: certificate.id,
      event: 'ISSUED',
      dedupeKey: `ISSUED:${certificate.id}`,
      payload: {
        canonicalEnc: Buffer.from(deps.fieldCrypto.encrypt(bytes.toString('utf8'), 'aggregation.canonical')).toString(
          'base64',
        ),
        canonicalSha256: createHash('sha256').update(bytes).digest('hex'),
        signatureAlg: SIGNATURE_ALGORITHM,
        signatureKeyId: deps.keys.signing.kid,
        signature: signature.toString('base64'),
        identifier,
      },
    },
  });

  return { certificate, data };
}
