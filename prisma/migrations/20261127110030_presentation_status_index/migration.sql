-- AlterEnum
ALTER TYPE "CertificateStatus" ADD VALUE 'SUSPENDED';

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "statusIndex" INTEGER;

-- AlterTable
ALTER TABLE "SigningKey" ADD COLUMN     "purpose" VARCHAR(16) NOT NULL DEFAULT 'certificate';

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_statusIndex_key" ON "Certificate"("statusIndex");


-- Backfill: every existing certificate gets a distinct random position in the first
-- 131,072 entries of the status list (rows beyond that get one on first need).
WITH picks AS (
  SELECT idx, row_number() OVER () AS rn
  FROM (SELECT idx FROM generate_series(0, 131071) AS idx ORDER BY random() LIMIT (SELECT count(*) FROM "Certificate")) AS shuffled
), certs AS (
  SELECT id, row_number() OVER (ORDER BY id) AS rn FROM "Certificate"
)
UPDATE "Certificate" AS c SET "statusIndex" = picks.idx
FROM certs JOIN picks USING (rn)
WHERE c.id = certs.id;
