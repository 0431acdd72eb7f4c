-- Aggregation (归集, docs/aggregation.md): one ordered version per certificate, its own states,
-- the per-certificate cursor, reconciliation results and the local receiver stand-in's store.
-- Written by hand (another migration was pending); the end state is what schema.prisma describes.

-- CreateEnum
CREATE TYPE "AggregationState" AS ENUM ('PENDING', 'ACKED', 'SUPERSEDED', 'DEAD');

-- AlterTable: versions for the rows written before (nothing sent them yet), in the order they were written.
ALTER TABLE "AggregationOutbox" ADD COLUMN     "version" INTEGER;
UPDATE "AggregationOutbox" o SET "version" = n.v
FROM (SELECT id, row_number() OVER (PARTITION BY "certificateId" ORDER BY "createdAt", id)::int AS v
      FROM "AggregationOutbox") n
WHERE o.id = n.id;
UPDATE "AggregationOutbox" SET "dedupeKey" = "certificateId"::text || ':' || "version"::text;
ALTER TABLE "AggregationOutbox" ALTER COLUMN "version" SET NOT NULL,
ALTER COLUMN "payload" SET DEFAULT '{}',
ALTER COLUMN "state" DROP DEFAULT,
ALTER COLUMN "state" TYPE "AggregationState" USING (
  CASE "state"::text WHEN 'SENT' THEN 'ACKED' WHEN 'DEAD' THEN 'DEAD' WHEN 'SUPPRESSED' THEN 'SUPERSEDED' ELSE 'PENDING' END
)::"AggregationState",
ALTER COLUMN "state" SET DEFAULT 'PENDING';

-- DropIndex
DROP INDEX "AggregationOutbox_certificateId_idx";

-- CreateTable
CREATE TABLE "CertificateAggregation" (
    "certificateId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "ackedVersion" INTEGER NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ackedAt" TIMESTAMP(3),
    "leasedUntil" TIMESTAMP(3),

    CONSTRAINT "CertificateAggregation_pkey" PRIMARY KEY ("certificateId")
);

-- CreateTable
CREATE TABLE "AggregationReconciliation" (
    "id" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "state" VARCHAR(20) NOT NULL,
    "groups" INTEGER NOT NULL DEFAULT 0,
    "mismatched" INTEGER NOT NULL DEFAULT 0,
    "requeued" INTEGER NOT NULL DEFAULT 0,
    "detail" JSONB NOT NULL DEFAULT '[]',
    "error" VARCHAR(500),

    CONSTRAINT "AggregationReconciliation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MinistryReceived" (
    "idempotencyKey" VARCHAR(120) NOT NULL,
    "certificateId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "typeCode" VARCHAR(40) NOT NULL,
    "issuedOn" DATE NOT NULL,
    "record" JSONB NOT NULL,
    "digest" VARCHAR(64) NOT NULL,
    "batchId" VARCHAR(64) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MinistryReceived_pkey" PRIMARY KEY ("certificateId","version")
);

-- Backfill: the cursor of every certificate already in the outbox.
INSERT INTO "CertificateAggregation" ("certificateId", "version", "changedAt")
SELECT "certificateId", max("version"), max("createdAt") FROM "AggregationOutbox" GROUP BY "certificateId";

-- CreateIndex
CREATE UNIQUE INDEX "AggregationOutbox_certificateId_version_key" ON "AggregationOutbox"("certificateId", "version");

-- CreateIndex
CREATE INDEX "AggregationReconciliation_startedAt_idx" ON "AggregationReconciliation"("startedAt");

-- CreateIndex
CREATE INDEX "MinistryReceived_typeCode_issuedOn_idx" ON "MinistryReceived"("typeCode", "issuedOn");

-- AddForeignKey
ALTER TABLE "CertificateAggregation" ADD CONSTRAINT "CertificateAggregation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
