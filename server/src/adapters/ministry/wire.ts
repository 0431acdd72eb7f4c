import { createCipheriv, createDecipheriv, createHash, randomBytes, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../lib/audit';
import { sm2SignDer, sm2VerifyDer } from '../../lib/sm2-der';

/**
 * The wire format of 数据归集 to the ministry's electronic-certificate system (docs/aggregation.md):
 * one catalogue/metadata record per (certificate, version), in the shape of GB/T 36902 (目录信息)
 * and GB/T 36903 (元数据) as far as public material shows; batches POSTed as JSON and signed with
 * SM2/SM3 by the service. The holder (name, code, certificate number) travels sealed with SM4.
 */

/** The holder block before sealing: personal data, never stored or logged in clear. */
export type HolderClear = { name: string; code: string; number: string };

export type MinistryRecord = {
  /** `<certificateId>:<version>`: the receiver deduplicates on it. */
  idempotencyKey: string;
  certificateId: string;
  /** Aggregation version: strictly increasing per certificate; an older one never overwrites a newer one. */
  version: number;
  event: string;
  /** 证照标识 (GB/T 36904), null for paper/IC-card stock records. */
  identifier: string | null;
  /** 证照类型代码 and 名称. */
  typeCode: string;
  typeName: string;
  /** 持证主体: 代码类型 in clear; name, code and certificate number sealed (SM4-CBC, `keyId`). */
  holder: { codeType: string; kind: string; sealed: string; keyId: string };
  /** 证照编号, masked (the clear one is in the sealed holder block). */
  numberMasked: string;
  /** 颁发机构 and its 统一社会信用代码. */
  issuer: { name: string; code: string };
  /** 颁证日期, 有效期起止 (null: 长期), ISO dates. */
  issuedOn: string;
  validFrom: string;
  validUntil: string | null;
  status: string;
  statusReason: string | null;
  carrier: string;
  areaCode: string;
  activated: boolean;
  /** When this version was enqueued (the change), ISO. */
  changedAt: string;
  /** 签名: the certificate's own SM2/SM3 signature (electronic certificates), DER base64. */
  certificateSignature: { alg: string; keyId: string; value: string } | null;
  /** SM3 (hex) of the record's canonical JSON without this field; covered by the batch signature. */
  digest: string;
};

export type MinistryBatch = { batchId: string; records: MinistryRecord[] };

/** Per record: ACCEPTED (stored), DUPLICATE (already held: an acknowledgement too), STALE (a newer version is held; not applied), REJECTED (never will be). */
export type ItemStatus = 'ACCEPTED' | 'DUPLICATE' | 'STALE' | 'REJECTED';
export type ItemResult = { idempotencyKey: string; status: ItemStatus; reason?: string };
export type BatchAnswer = { results: ItemResult[] };

/** Per type (national code) and 颁证日期: how many certificates the receiver holds, and a digest of `<id>:<version>` lines. */
export type ReconciliationGroup = { typeCode: string; day: string; count: number; digest: string };
export type ReconciliationItem = { certificateId: string; version: number };

export const sm3Hex = (bytes: Buffer | string) => createHash('sm3').update(bytes).digest('hex');

/** The digest a record carries: SM3 over its canonical JSON (sorted keys) without `digest`. */
export function recordDigest(record: Omit<MinistryRecord, 'digest'> | MinistryRecord): string {
  const { digest: _digest, ...rest } = record as MinistryRecord;
  return sm3Hex(canonicalJson(rest));
}

/** Seals the holder block for transport: SM4-CBC, random IV, base64(iv ‖ ciphertext). */
export function sealHolder(clear: HolderClear, key: Buffer): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(clear), 'utf8'), cipher.final()]).toString('base64');
}

export function openHolder(sealed: string, key: Buffer): HolderClear {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('sm4-cbc', key, bytes.subarray(0, 16));
  return JSON.parse(
    Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()]).toString('utf8'),
  ) as HolderClear;
}

/** Request signature headers (lower-case, as node reads them). */
export const signatureHeaders = {
  clientId: 'x-roadcert-client-id',
  timestamp: 'x-roadcert-timestamp',
  nonce: 'x-roadcert-nonce',
  keyId: 'x-roadcert-key-id',
  alg: 'x-roadcert-signature-alg',
  signature: 'x-roadcert-signature',
} as const;

/** The bytes a request signature covers: client id, timestamp, nonce, method, path and SM3 of the body, one per line. */
export const signingString = (p: {
  clientId: string;
  timestamp: string;
  nonce: string;
  method: string;
  path: string;
  body: string;
}) => [p.clientId, p.timestamp, p.nonce, p.method.toUpperCase(), p.path, sm3Hex(p.body)].join('\n');

export type RequestSigner = { clientId: string; keyId: string; privateKey: KeyObject };

/** The signature headers of one request (SM2/SM3, user id 1234567812345678, DER base64). */
export function signRequest(signer: RequestSigner, method: string, path: string, body: string) {
  const timestamp = new Date().toISOString();
  const nonce = randomBytes(12).toString('hex');
  const signature = sm2SignDer(
    Buffer.from(signingString({ clientId: signer.clientId, timestamp, nonce, method, path, body }), 'utf8'),
    signer.privateKey,
  );
  return {
    [signatureHeaders.clientId]: signer.clientId,
    [signatureHeaders.timestamp]: timestamp,
    [signatureHeaders.nonce]: nonce,
    [signatureHeaders.keyId]: signer.keyId,
    [signatureHeaders.alg]: 'SM2-SM3',
    [signatureHeaders.signature]: signature.toString('base64'),
  };
}

/** Checks a request's signature; the reason when it does not verify. */
export function verifyRequest(
  headers: Record<string, string | string[] | undefined>,
  method: string,
  path: string,
  body: string,
  keyFor: (keyId: string) => KeyObject | undefined,
  maxSkewMs = 300_000,
): { ok: true; clientId: string; nonce: string } | { ok: false; reason: string } {
  const h = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const clientId = h(signatureHeaders.clientId);
  const timestamp = h(signatureHeaders.timestamp);
  const nonce = h(signatureHeaders.nonce);
  const keyId = h(signatureHeaders.keyId);
  const signature = h(signatureHeaders.signature);
  if (!clientId || !timestamp || !nonce || !keyId || !signature) return { ok: false, reason: 'SIGNATURE_MISSING' };
  if (h(signatureHeaders.alg) !== 'SM2-SM3') return { ok: false, reason: 'SIGNATURE_ALG' };
  const at = Date.parse(timestamp);
  if (!Number.isFinite(at) || Math.abs(Date.now() - at) > maxSkewMs) return { ok: false, reason: 'TIMESTAMP_SKEW' };
  const key = keyFor(keyId);
  if (!key) return { ok: false, reason: 'UNKNOWN_KEY' };
  const bytes = Buffer.from(signingString({ clientId, timestamp, nonce, method, path, body }), 'utf8');
  if (!sm2VerifyDer(bytes, Buffer.from(signature, 'base64'), key)) return { ok: false, reason: 'SIGNATURE_INVALID' };
  return { ok: true, clientId, nonce };
}
