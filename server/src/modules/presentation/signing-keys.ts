import { createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import type { PresentationAlg, PublishedKey } from '@roadcert/shared';
import {
  ed25519Suite,
  kidOf,
  MAX_CHAIN_LINKS,
  sm2Sm3Suite,
  SM2_DEFAULT_USER_ID,
  type DecodedToken,
  type SignatureSuite,
  type TrustedKey,
} from '@roadcert/shared/presentation';
import type { Config } from '../../config';
import { cacheLifetime, type ChangeFeed } from '../../db/notify';
import { loadPresentationEd25519Key, type KeyMaterial } from '../../lib/key-material';
import type { SigningPool } from '../../lib/signing-pool';
import { sm2PublicPoint } from '../../lib/sm2-der';
import type { PresentationKeyRow as KeyRow, SigningKeyRepo } from './signing-keys.repo';

/**
 * The service's presentation keys: SM2 (the default) from the existing signing key
 * material (DATA_DIR/keys.json or SIGNING_KEY_FILE), Ed25519 from its own file
 * (loadPresentationEd25519Key). Each is published as a SigningKey row (purpose
 * "presentation", raw public key) and in the key list.
 *
 * Rotation: when the configured key changes, the previous presentation key of that
 * algorithm gets retiredAt = now and signs nothing more, but stays in the list and keeps
 * verifying until verifyUntil = retiredAt + the longest batch + the longest interval + one
 * window + the clock skew, i.e. until every token it signed has expired.
 */
export type PresentationSigner = {
  suite: SignatureSuite;
  kid: string;
  publicKey: Uint8Array;
  /** SM2 goes through the signing pool (worker threads); Ed25519 is node:crypto's native code. */
  sign(body: Uint8Array): Promise<Uint8Array>;
};

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const KEY_LIST_CACHE_MS = 30_000;

function sm2Signer(privateKey: KeyObject, pool: Pick<SigningPool, 'sm2Sign'>): PresentationSigner {
  const publicKey = sm2PublicPoint(privateKey);
  return {
    suite: sm2Sm3Suite,
    kid: kidOf(sm2Sm3Suite, publicKey),
    publicKey,
    sign: (body) => pool.sm2Sign(body),
  };
}

function ed25519Signer(privateKey: KeyObject): PresentationSigner {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const publicKey = new Uint8Array(spki.subarray(ED25519_SPKI_PREFIX.length));
  // node:crypto signs Ed25519 ~14× faster than pure JS (docs/presentation-token.md, bench).
  return {
    suite: ed25519Suite,
    kid: kidOf(ed25519Suite, publicKey),
    publicKey,
    sign: async (body) => new Uint8Array(nodeSign(null, body, privateKey)),
  };
}

export type KeyringDeps = {
  config: Pick<Config, 'presentation' | 'mode' | 'dataDir'>;
  keys: Pick<KeyMaterial, 'signing'>;
  /** The pool that holds the same signing key (container.ts). */
  signingPool: Pick<SigningPool, 'sm2Sign'>;
  signingKeys: SigningKeyRepo;
  /** Keys published or retired by any process (db/notify.ts) drop the cached key list. */
  changes: Pick<ChangeFeed, 'subscribe' | 'live'>;
};

export function createKeyring(deps: KeyringDeps) {
  const { signingKeys, config } = deps;
  const p = config.presentation;
  /**
   * Seconds a retired key keeps verifying: the longest batch, then the longest interval a
   * version-2 anchor can cover past it (MAX_CHAIN_LINKS windows), one window, the skew.
   */
  const graceSeconds = p.batchMaxHours * 3600 + (MAX_CHAIN_LINKS + 1) * p.windowSeconds + p.clockSkewSeconds;
  let ready: Promise<Map<PresentationAlg, PresentationSigner>> | null = null;
  // The pending read is cached (one query when the cache expires under load).
  let cache: { at: number; rows: Promise<KeyRow[]> } | null = null;
  const nodeKeys = new Map<string, KeyObject>();
  deps.changes.subscribe((change) => {
    if (change.kind !== 'certificate') cache = null;
  });

  async function publish(): Promise<Map<PresentationAlg, PresentationSigner>> {
    const signers = new Map<PresentationAlg, PresentationSigner>();
    signers.set('SM2-SM3', sm2Signer(deps.keys.signing.privateKey, deps.signingPool));
    const ed = await loadPresentationEd25519Key(config);
    if (ed) signers.set('Ed25519', ed25519Signer(ed));
    if (!signers.has(p.alg))
      throw new Error(`PRESENTATION_ALG=${p.alg} but no such key is configured (PRESENTATION_ED25519_KEY_FILE)`);
    const now = new Date();
    for (const signer of signers.values())
      await signingKeys.publish({ kid: signer.kid, algorithm: signer.suite.alg, publicKey: signer.publicKey }, now);
    for (const signer of signers.values()) signer.suite.precompute(signer.publicKey);
    cache = null;
    return signers;
  }

  /** The signers, published on first use (a failed attempt is retried next time). */
  function signers(): Promise<Map<PresentationAlg, PresentationSigner>> {
    ready ??= publish().catch((err: unknown) => {
      ready = null;
      throw err;
    });
    return ready;
  }

  async function active(): Promise<PresentationSigner> {
    return (await signers()).get(p.alg)!;
  }

  /** `refresh`: a kid we do not know may be a key another process just published; look again (at most once a second). */
  async function rows(refresh = false): Promise<KeyRow[]> {
    await signers();
    const age = cache ? Date.now() - cache.at : Infinity;
    const keepMs = cacheLifetime(deps.changes, KEY_LIST_CACHE_MS);
    if (cache && age < keepMs && !(refresh && age > 1000)) return cache.rows;
    const found = Promise.resolve(signingKeys.presentationKeys());
    const entry = { at: Date.now(), rows: found };
    cache = entry;
    found.catch(() => cache === entry && (cache = null));
    return found;
  }

  const verifyUntil = (row: KeyRow) => (row.retiredAt ? new Date(row.retiredAt.getTime() + graceSeconds * 1000) : null);

  /** Keys a token may be checked against now (retired ones until their grace ends). */
  // Key objects are made once per key-list read, not per verification.
  let trustedFrom: { rows: KeyRow[]; keys: TrustedKey[] } | null = null;
  async function trusted(now = Date.now(), refresh = false): Promise<TrustedKey[]> {
    const current = await rows(refresh);
    if (trustedFrom?.rows !== current) {
      trustedFrom = {
        rows: current,
        keys: current.map((r) => ({
          kid: r.kid,
          alg: r.algorithm,
          publicKey: new Uint8Array(r.publicKey),
          verifyUntil: verifyUntil(r)?.getTime() ?? null,
        })),
      };
    }
    // A day past its grace a key is dropped entirely; until then checkToken says 签发密钥已停用.
    return trustedFrom.keys.filter((k) => k.verifyUntil === null || k.verifyUntil >= now - 86_400_000);
  }

  async function published(now = Date.now()): Promise<PublishedKey[]> {
    return (await rows())
      .filter((r) => (verifyUntil(r)?.getTime() ?? Infinity) >= now)
      .map((r) => ({
        kid: r.kid,
        alg: r.algorithm as PresentationAlg,
        publicKey: Buffer.from(r.publicKey).toString('hex'),
        ...(r.algorithm === 'SM2-SM3' ? { userId: SM2_DEFAULT_USER_ID } : {}),
        notBefore: r.notBefore.toISOString(),
        retiredAt: r.retiredAt?.toISOString() ?? null,
        verifyUntil: verifyUntil(r)?.toISOString() ?? null,
      }));
  }

  /** Signature check for the verify endpoint: SM2 in the shared codec, Ed25519 through node:crypto with cached key objects. */
  function verifySignature(token: DecodedToken, key: TrustedKey): boolean {
    if (key.alg !== 'Ed25519')
      return key.alg === token.claims.alg && sm2Sm3Suite.verify(token.signature, token.signedBytes, key.publicKey);
    let keyObject = nodeKeys.get(key.kid);
    if (!keyObject) {
      keyObject = createPublicKey({
        key: Buffer.concat([ED25519_SPKI_PREFIX, key.publicKey]),
        format: 'der',
        type: 'spki',
      });
      nodeKeys.set(key.kid, keyObject);
    }
    return token.signature.length === 64 && nodeVerify(null, token.signedBytes, keyObject, token.signature);
  }

  return { active, signers, trusted, published, verifySignature, graceSeconds };
}

export type Keyring = ReturnType<typeof createKeyring>;
