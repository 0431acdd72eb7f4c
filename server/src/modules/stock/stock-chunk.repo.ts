import type { Sql } from '../../db/database';

/**
 * One chunk of a stock import as ONE SQL statement on the pool (`Database.sql`), parameters
 * as JSON arrays (jsonb_to_recordset): holders, vehicles, certificates (insert, or update
 * when the row is newer), one aggregation outbox row per created or changed certificate, the
 * refused rows' errors and the import's progress. Data-modifying CTEs make the statement one
 * atomic unit, so the chunk needs no interactive transaction, and a resume skips exactly the
 * committed rows. Through Prisma (`$queryRawUnsafe` in a transaction, one call per table) the
 * same chunk ran at ~2,000 rows/s with the process at ~850 MB: every JSON parameter crossed its
 * Wasm query compiler. docs/stock-import.md, "Measured".
 */

export type PersonHolderInput = {
  id: string;
  name: string;
  enc: string;
  hash: string;
  masked: string;
  gender: string | null;
  /** The birth date sealed (base64), or null. */
  birth: string | null;
  area: string;
};
export type OperatorHolderInput = { id: string; name: string; code: string; area: string };
/** `hkey`: the holder key (ID blind index or credit code) of the operator. */
export type VehicleInput = { id: string; hkey: string; plate: string; colour: string; vtype: string | null };
export type CertificateInput = {
  id: string;
  /** Id of the outbox row, should the certificate be created or changed. */
  oid: string;
  type: string;
  enc: string;
  hash: string;
  masked: string;
  hkey: string;
  /** plate|colour, or null. */
  vkey: string | null;
  carrier: string;
  status: string;
  issued: string;
  first: string | null;
  vfrom: string;
  vuntil: string | null;
  auth: string;
  authcode: string;
  area: string;
  ext: Record<string, unknown>;
  skey: string;
  /** 更新时间, ISO UTC. */
  src: string;
};
export type ErrorInput = { row: number; col: string; reason: string };

export type ChunkInput = {
  importId: string;
  persons: PersonHolderInput[];
  operators: OperatorHolderInput[];
  vehicles: VehicleInput[];
  certificates: CertificateInput[];
  errors: ErrorInput[];
  /** Data rows of the chunk (committedRows advances by this). */
  rows: number;
  /** Valid rows (stored ones plus duplicates superseded within the chunk). */
  valid: number;
  failed: number;
};

const CHUNK_SQL = `
WITH
-- Existing holders and vehicles are looked up with = ANY(ARRAY(…)), which the planner serves
-- from the unique index whatever its row estimate; a join on the JSON rows (estimated at 100)
-- was planned as a sequential scan, one per chunk, growing with the stock.
p AS (SELECT * FROM jsonb_to_recordset($1::jsonb)
  AS x(id text, name text, enc text, hash text, masked text, gender text, birth text, area text)),
o AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(id text, name text, code text, area text)),
v AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(id text, hkey text, plate text, colour text, vtype text)),
c AS (SELECT * FROM jsonb_to_recordset($4::jsonb) AS x(
  id text, oid text, type text, enc text, hash text, masked text, hkey text, vkey text, carrier text, status text,
  issued text, first text, vfrom text, vuntil text, auth text, authcode text, area text, ext jsonb, skey text, src text)),
pi AS (
  INSERT INTO "Holder" (id, kind, "holderTypeCode", name, "idNumberEnc", "idNumberHash", "idNumberMasked",
                        gender, "birthDateEnc", "areaCode", "updatedAt")
  SELECT p.id::uuid, 'PERSON', '111', p.name, decode(p.enc, 'base64'), p.hash, p.masked, p.gender, decode(p.birth, 'base64'),
         p.area, CURRENT_TIMESTAMP
  FROM p
  ON CONFLICT ("idNumberHash") DO NOTHING
  RETURNING id, "idNumberHash" AS key),
oi AS (
  INSERT INTO "Holder" (id, kind, "holderTypeCode", name, "creditCode", "areaCode", "updatedAt")
  SELECT o.id::uuid, 'OPERATOR', '001', o.name, o.code, o.area, CURRENT_TIMESTAMP
  FROM o
  ON CONFLICT ("creditCode") DO NOTHING
  RETURNING id, "creditCode" AS key),
h AS (
  SELECT id, key FROM pi
  UNION ALL SELECT hp.id, hp."idNumberHash" FROM "Holder" hp WHERE hp."idNumberHash" = ANY(ARRAY(SELECT hash FROM p))
  UNION ALL SELECT id, key FROM oi
  UNION ALL SELECT ho.id, ho."creditCode" FROM "Holder" ho WHERE ho."creditCode" = ANY(ARRAY(SELECT code FROM o))),
vi AS (
  INSERT INTO "Vehicle" (id, "operatorId", "plateNumber", "plateColour", "vehicleTypeCode", "updatedAt")
  SELECT v.id::uuid, h.id, v.plate, v.colour, v.vtype, CURRENT_TIMESTAMP
  FROM v JOIN h ON h.key = v.hkey
  ON CONFLICT ("plateNumber", "plateColour") DO NOTHING
  RETURNING id, "plateNumber" || '|' || "plateColour" AS key),
vv AS (
  SELECT id, key FROM vi
  -- By plate only, which the unique (plateNumber, plateColour) index serves; a second condition
  -- on the pair was planned as a hash semi-join over a sequential scan of every vehicle (68 ms a
  -- chunk at 20,000 vehicles, growing with the stock). Other colours of a plate join nothing.
  UNION ALL SELECT ve.id, ve."plateNumber" || '|' || ve."plateColour" FROM "Vehicle" ve
    WHERE ve."plateNumber" = ANY(ARRAY(SELECT plate FROM v))),
ci AS (
  INSERT INTO "Certificate" (id, "typeCode", "numberEnc", "numberHash", "numberMasked", "holderId", "vehicleId",
    carrier, status, "issuedOn", "firstIssuedOn", "validFrom", "validUntil", "issuingAuthority",
    "issuingAuthorityCode", "areaCode", extension, "stockKey", "sourceUpdatedAt", "stockImportId", "updatedAt")
  SELECT c.id::uuid, c.type, decode(c.enc, 'base64'), c.hash, c.masked, h.id, vv.id,
    c.carrier::"Carrier", c.status::"CertificateStatus", c.issued::date, c.first::date, c.vfrom::date,
    c.vuntil::date, c.auth, c.authcode, c.area, c.ext, c.skey, (c.src::timestamptz AT TIME ZONE 'UTC'),
    $6::uuid, CURRENT_TIMESTAMP
  FROM c JOIN h ON h.key = c.hkey LEFT JOIN vv ON vv.key = c.vkey
  ON CONFLICT ("stockKey") DO UPDATE SET
    "numberEnc" = EXCLUDED."numberEnc",
    "numberHash" = EXCLUDED."numberHash",
    "numberMasked" = EXCLUDED."numberMasked",
    "holderId" = EXCLUDED."holderId",
    "vehicleId" = EXCLUDED."vehicleId",
    carrier = EXCLUDED.carrier,
    status = EXCLUDED.status,
    "statusChangedAt" = CASE WHEN "Certificate".status <> EXCLUDED.status
      THEN CURRENT_TIMESTAMP ELSE "Certificate"."statusChangedAt" END,
    "presentationEpoch" = "Certificate"."presentationEpoch"
      + CASE WHEN "Certificate".status <> EXCLUDED.status THEN 1 ELSE 0 END,
    "issuedOn" = EXCLUDED."issuedOn",
    "firstIssuedOn" = EXCLUDED."firstIssuedOn",
    "validFrom" = EXCLUDED."validFrom",
    "validUntil" = EXCLUDED."validUntil",
    "issuingAuthority" = EXCLUDED."issuingAuthority",
    "issuingAuthorityCode" = EXCLUDED."issuingAuthorityCode",
    "areaCode" = EXCLUDED."areaCode",
    extension = EXCLUDED.extension,
    "sourceUpdatedAt" = EXCLUDED."sourceUpdatedAt",
    "stockImportId" = EXCLUDED."stockImportId",
    "updatedAt" = CURRENT_TIMESTAMP
  -- An older or equal row matches the conflict but not this: not returned, unchanged.
  WHERE "Certificate"."sourceUpdatedAt" IS NULL OR "Certificate"."sourceUpdatedAt" < EXCLUDED."sourceUpdatedAt"
  RETURNING id, "stockKey", (xmax = 0) AS inserted),
ov AS (
  -- The outbox write, part 1 (docs/aggregation.md): one aggregation version per created or changed
  -- certificate, its cursor row inserted or bumped (ON CONFLICT DO UPDATE reads the latest committed
  -- version, so a concurrent enqueue for the same certificate gets the next one).
  INSERT INTO "CertificateAggregation" ("certificateId", version, "changedAt")
  SELECT id, 1, CURRENT_TIMESTAMP FROM ci
  ON CONFLICT ("certificateId") DO UPDATE SET
    version = "CertificateAggregation".version + 1, "changedAt" = CURRENT_TIMESTAMP
  RETURNING "certificateId", version),
ob AS (
  -- Part 2: the outbox row with that version and the idempotency key <certificateId>:<version>.
  INSERT INTO "AggregationOutbox" (id, "certificateId", version, event, payload, "dedupeKey")
  SELECT c.oid::uuid, ov."certificateId", ov.version, CASE WHEN ci.inserted THEN 'STOCK' ELSE 'CHANGED' END,
    jsonb_build_object('source', 'stock', 'importId', $6::text, 'typeCode', c.type, 'carrier', c.carrier,
                       'status', c.status, 'sourceUpdatedAt', c.src),
    ov."certificateId"::text || ':' || ov.version::text
  FROM ov JOIN ci ON ci.id = ov."certificateId" JOIN c ON c.skey = ci."stockKey"
  ON CONFLICT ("dedupeKey") DO NOTHING),
er AS (
  INSERT INTO "StockImportError" ("importId", "row", "column", reason)
  SELECT $6::uuid, x."row", x.col, x.reason FROM jsonb_to_recordset($5::jsonb) AS x("row" int, col text, reason text)
  ON CONFLICT DO NOTHING),
up AS (
  UPDATE "StockImport" SET
    "committedRows" = "committedRows" + $7::int,
    created = created + (SELECT count(*) FROM ci WHERE inserted),
    updated = updated + (SELECT count(*) FROM ci WHERE NOT inserted),
    unchanged = unchanged + $8::int - (SELECT count(*) FROM ci),
    failed = failed + $9::int
  WHERE id = $6::uuid)
SELECT id::text, inserted FROM ci`;

/** Writes one chunk; returns the certificates created or changed. */
export function createStockChunkRepo(sql: Sql) {
  return {
    writeChunk: async (chunk: ChunkInput): Promise<{ id: string; inserted: boolean }[]> => {
      const { rows } = await sql.query<{ id: string; inserted: boolean }>(CHUNK_SQL, [
        JSON.stringify(chunk.persons),
        JSON.stringify(chunk.operators),
        JSON.stringify(chunk.vehicles),
        JSON.stringify(chunk.certificates),
        JSON.stringify(chunk.errors),
        chunk.importId,
        chunk.rows,
        chunk.valid,
        chunk.failed,
      ]);
      return rows;
    },
  };
}

export type StockChunkRepo = ReturnType<typeof createStockChunkRepo>;
