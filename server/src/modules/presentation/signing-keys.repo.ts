import type { Db } from '../../db/unit-of-work';

/** A presentation key as the key list and the verifier read it. */
export type PresentationKeyRow = {
  kid: string;
  algorithm: string;
  publicKey: Uint8Array;
  notBefore: Date;
  retiredAt: Date | null;
};

/** The SigningKey rows of purpose "presentation" (signing-keys.ts). */
export function createSigningKeyRepo(db: Db) {
  return {
    /**
     * Publishes a key (a known one is un-retired) and retires every other unretired
     * presentation key of its algorithm: they sign nothing more, but keep verifying.
     */
    publish: async (key: { kid: string; algorithm: string; publicKey: Uint8Array }, now: Date) => {
      await db.signingKey.upsert({
        where: { kid: key.kid },
        create: {
          kid: key.kid,
          algorithm: key.algorithm,
          purpose: 'presentation',
          publicKey: new Uint8Array(key.publicKey),
          notBefore: now,
        },
        update: { retiredAt: null },
      });
      await db.signingKey.updateMany({
        where: { purpose: 'presentation', algorithm: key.algorithm, retiredAt: null, kid: { not: key.kid } },
        data: { retiredAt: now },
      });
    },

    /** Every presentation key, oldest first. */
    presentationKeys: (): Promise<PresentationKeyRow[]> =>
      db.signingKey.findMany({
        where: { purpose: 'presentation' },
        select: { kid: true, algorithm: true, publicKey: true, notBefore: true, retiredAt: true },
        orderBy: { notBefore: 'asc' },
      }),
  };
}

export type SigningKeyRepo = ReturnType<typeof createSigningKeyRepo>;
