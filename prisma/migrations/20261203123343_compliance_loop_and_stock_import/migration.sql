-- Compliance loop (issue 13): completion tasks carry severity, fixer, type and area; batch runs
-- carry a state and day; stock imports (resumable) with their error rows; certificates from
-- the stock carry the key an import upserts on. CompletionTask and ComplianceRun were empty
-- (no code wrote them before), so the NOT NULL columns need no default.

-- CreateEnum
CREATE TYPE "ComplianceRunState" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "StockImportState" AS ENUM ('RUNNING', 'DONE', 'FAILED');

-- AlterEnum
ALTER TYPE "CompletionTaskState" ADD VALUE 'RESOLVED';

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "sourceUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "stockImportId" UUID,
ADD COLUMN     "stockKey" VARCHAR(64);

-- AlterTable
ALTER TABLE "CompletionTask" ADD COLUMN     "areaCode" VARCHAR(6) NOT NULL,
ADD COLUMN     "fixableBy" VARCHAR(10) NOT NULL,
ADD COLUMN     "returnReason" VARCHAR(300),
ADD COLUMN     "severity" VARCHAR(10) NOT NULL,
ADD COLUMN     "submittedAt" TIMESTAMP(3),
ADD COLUMN     "submittedByAccountId" UUID,
ADD COLUMN     "typeCode" VARCHAR(4) NOT NULL,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "ComplianceRun" ADD COLUMN     "day" DATE NOT NULL,
ADD COLUMN     "error" VARCHAR(500),
ADD COLUMN     "startedBy" UUID,
ADD COLUMN     "state" "ComplianceRunState" NOT NULL DEFAULT 'RUNNING';

-- CreateTable
CREATE TABLE "StockImport" (
    "id" UUID NOT NULL,
    "fileName" VARCHAR(200) NOT NULL,
    "fileSha256" VARCHAR(64) NOT NULL,
    "format" VARCHAR(4) NOT NULL,
    "storageKey" VARCHAR(300),
    "state" "StockImportState" NOT NULL DEFAULT 'RUNNING',
    "startedBy" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "committedRows" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "error" VARCHAR(500),

    CONSTRAINT "StockImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockImportError" (
    "importId" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "column" VARCHAR(60) NOT NULL,
    "reason" VARCHAR(300) NOT NULL,

    CONSTRAINT "StockImportError_pkey" PRIMARY KEY ("importId","row","column")
);

-- CreateIndex
CREATE INDEX "StockImport_fileSha256_idx" ON "StockImport"("fileSha256");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_stockKey_key" ON "Certificate"("stockKey");

-- CreateIndex
CREATE INDEX "CompletionTask_state_fixableBy_areaCode_idx" ON "CompletionTask"("state", "fixableBy", "areaCode");

-- CreateIndex
CREATE INDEX "CompletionTask_ruleCode_state_idx" ON "CompletionTask"("ruleCode", "state");

-- CreateIndex
CREATE INDEX "ComplianceRun_day_state_idx" ON "ComplianceRun"("day", "state");

-- AddForeignKey
ALTER TABLE "StockImportError" ADD CONSTRAINT "StockImportError_importId_fkey" FOREIGN KEY ("importId") REFERENCES "StockImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

