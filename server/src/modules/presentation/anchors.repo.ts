import type { Db } from '../../db/unit-of-work';

/** An anchor as signed for one (certificate, interval, epoch) (holder-tokens.ts). */
export type AnchorRow = {
  certificateId: string;
  intervalStart: Date;
  epoch: number;
  kid: string;
  body: Uint8Array;
  signature: Uint8Array;
};

/** Signed presentation anchors (token version 2), so a second opening signs nothing. */
export function createAnchorRepo(db: Db) {
  return {
    /** The anchors already signed for these intervals of the certificate at this epoch. */
    find: (certificateId: string, epoch: number, starts: readonly Date[]): Promise<AnchorRow[]> =>
      db.presentationAnchor.findMany({
        where: { certificateId, epoch, intervalStart: { in: [...starts] } },
        select: { certificateId: true, intervalStart: true, epoch: true, kid: true, body: true, signature: true },
      }),

    /**
     * Keeps freshly signed anchors in one statement. Another process signing the same interval
     * at the same moment makes one of the two rows win (the other is skipped) — both
     * signatures are valid, and later openings get the kept one.
     */
    insert: (rows: readonly AnchorRow[]) =>
      db.presentationAnchor.createMany({
        data: rows.map((row) => ({ ...row, body: new Uint8Array(row.body), signature: new Uint8Array(row.signature) })),
        skipDuplicates: true,
      }),

    /** Replaces an anchor whose body changed (the certificate's texts, validity end or the key). */
    replace: (row: AnchorRow) =>
      db.presentationAnchor.update({
        where: {
          certificateId_intervalStart_epoch: {
            certificateId: row.certificateId,
            intervalStart: row.intervalStart,
            epoch: row.epoch,
          },
        },
        data: { kid: row.kid, body: new Uint8Array(row.body), signature: new Uint8Array(row.signature) },
      }),
  };
}

export type AnchorRepo = ReturnType<typeof createAnchorRepo>;
