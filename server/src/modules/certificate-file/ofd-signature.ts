import { sm3 } from '@roadcert/shared/presentation';
import { attributeOf, elementText, OFD_NS, XML_HEAD, xmlText } from './xml';

/**
 * The OFD signature (GB/T 33190 §18, GB/T 38540 as we read it; docs/certificate-file.md):
 * Doc_0/Signs/Signatures.xml lists one Signature (Type="Sign"); its Signature.xml holds the
 * SignedInfo — provider, SM2 method OID, time, and a Reference with the SM3 digest (base64)
 * of every other file of the package, the signer's public key file included — and points at
 * SignedValue.dat, the SM2/SM3 signature (DER r,s; user id 1234567812345678) over the bytes
 * of Signature.xml. So a changed byte anywhere fails either a digest or the signature.
 */

export const SM2_SIGNATURE_OID = '1.2.156.10197.1.501';
export const SM3_OID = '1.2.156.10197.1.401';

const SIGNS = 'Doc_0/Signs';
const SIGNATURES_XML = `${SIGNS}/Signatures.xml`;
const SIGN_DIR = `${SIGNS}/Sign_0`;
export const SIGNATURE_XML = `${SIGN_DIR}/Signature.xml`;
export const SIGNED_VALUE = `${SIGN_DIR}/SignedValue.dat`;
/** Not in GB/T 38540 (whose SignedValue carries a certificate): the signer's SPKI, covered by the digests. 待核实. */
export const SIGNER_KEY = `${SIGN_DIR}/SignerKey.der`;

/** Who signs: the certificate signing key (server/src/lib/sm2-der.ts does the SM2). */
export type FileSigner = {
  kid: string;
  publicKeySpki: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
};

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
/** GB/T 7408 basic format, as OFD signature times are written. */
const signTime = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export function signOfdPackage(
  files: Record<string, Uint8Array>,
  signer: FileSigner,
  at: Date,
): Record<string, Uint8Array> {
  const added: Record<string, Uint8Array> = {
    [SIGNATURES_XML]: utf8(
      `${XML_HEAD}<ofd:Signatures xmlns:ofd="${OFD_NS}"><ofd:MaxSignId>1</ofd:MaxSignId><ofd:Signature ID="1" Type="Sign" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>`,
    ),
    [SIGNER_KEY]: signer.publicKeySpki,
  };
  const all = { ...files, ...added };
  const references = Object.keys(all)
    .sort()
    .map(
      (name) =>
        `<ofd:Reference FileRef="/${xmlText(name)}"><ofd:CheckValue>${b64(sm3(all[name]!))}</ofd:CheckValue></ofd:Reference>`,
    )
    .join('');
  const signatureXml = utf8(
    `${XML_HEAD}<ofd:Signature xmlns:ofd="${OFD_NS}"><ofd:SignedInfo><ofd:Provider ProviderName="RoadCert" Version="1" Company="${xmlText(
      signer.kid,
    )}"/><ofd:SignatureMethod>${SM2_SIGNATURE_OID}</ofd:SignatureMethod><ofd:SignatureDateTime>${signTime(
      at,
    )}</ofd:SignatureDateTime><ofd:References CheckMethod="${SM3_OID}">${references}</ofd:References></ofd:SignedInfo><ofd:SignedValue>/${SIGNED_VALUE}</ofd:SignedValue></ofd:Signature>`,
  );
  return { ...added, [SIGNATURE_XML]: signatureXml, [SIGNED_VALUE]: signer.sign(signatureXml) };
}

export type OfdSignatureCheck = {
  /** Empty when every digest and the signature hold. */
  problems: string[];
  signerKey: Uint8Array | null;
  signedAt: string | null;
};

/**
 * Checks an unpacked package: the signature list and its one signature found where OFD.xml
 * says, every file (other than the signature and its value) referenced exactly once with a
 * matching SM3 digest, no reference to a missing file, and the SM2 signature over
 * Signature.xml with the key the package carries. `verify` is SM2 verification.
 */
export function checkOfdSignature(
  files: Map<string, Buffer>,
  verify: (message: Uint8Array, signature: Uint8Array, spki: Uint8Array) => boolean,
): OfdSignatureCheck {
  const problems: string[] = [];
  const text = (name: string) => files.get(name)?.toString('utf8') ?? null;
  const ofd = text('OFD.xml');
  const signaturesLoc = ofd && elementText(ofd, 'Signatures');
  if (!signaturesLoc) return { problems: ['signatures:missing'], signerKey: null, signedAt: null };
  const signaturesPath = signaturesLoc.replace(/^\//, '');
  const signatures = text(signaturesPath);
  const base = signatures && attributeOf(signatures, 'Signature', 'BaseLoc');
  if (!base) return { problems: ['signatures:missing'], signerKey: null, signedAt: null };
  const signaturePath = base.startsWith('/')
    ? base.slice(1)
    : `${signaturesPath.slice(0, signaturesPath.lastIndexOf('/') + 1)}${base}`;
  const signatureXml = files.get(signaturePath);
  if (!signatureXml) return { problems: ['signature:missing'], signerKey: null, signedAt: null };
  const xml = signatureXml.toString('utf8');
  const valuePath = elementText(xml, 'SignedValue')?.replace(/^\//, '') ?? '';
  const value = files.get(valuePath);
  const signedAt = elementText(xml, 'SignatureDateTime');

  if (attributeOf(xml, 'References', 'CheckMethod') !== SM3_OID) problems.push('digest-method');
  if (elementText(xml, 'SignatureMethod') !== SM2_SIGNATURE_OID) problems.push('signature-method');
  const referenced = new Set<string>();
  for (const m of xml.matchAll(
    /<ofd:Reference FileRef="\/([^"]+)"><ofd:CheckValue>([A-Za-z0-9+/=]+)<\/ofd:CheckValue><\/ofd:Reference>/g,
  )) {
    const name = m[1]!;
    if (referenced.has(name)) problems.push(`duplicate:/${name}`);
    referenced.add(name);
    const file = files.get(name);
    if (!file) problems.push(`missing:/${name}`);
    else if (b64(sm3(file)) !== m[2]) problems.push(`digest:/${name}`);
  }
  for (const name of files.keys())
    if (!referenced.has(name) && name !== signaturePath && name !== valuePath) problems.push(`unreferenced:/${name}`);

  const signerKey = files.get(SIGNER_KEY) ?? null;
  if (!value || !signerKey || !referenced.has(SIGNER_KEY)) problems.push('signature:missing');
  else if (!verify(signatureXml, value, signerKey)) problems.push('signature');
  return { problems, signerKey: signerKey ? new Uint8Array(signerKey) : null, signedAt };
}
