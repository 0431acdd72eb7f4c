-- Reminders (issue 14): staff conversion invitations run as a background job with progress;
-- renewals under way are looked up by their base certificate.

-- CreateEnum
CREATE TYPE "InvitationRunState" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- CreateTable
CREATE TABLE "ReminderInvitationRun" (
    "id" UUID NOT NULL,
    "staffUserId" UUID NOT NULL,
    "typeCode" VARCHAR(4) NOT NULL,
    "carriers" TEXT[],
    "areaPrefix" VARCHAR(6) NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "previewCount" INTEGER NOT NULL,
    "state" "InvitationRunState" NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "queued" INTEGER NOT NULL DEFAULT 0,
    "sms" INTEGER NOT NULL DEFAULT 0,
    "wechat" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "jobId" VARCHAR(64),
    "error" VARCHAR(500),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderInvitationRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReminderInvitationRun_createdAt_idx" ON "ReminderInvitationRun"("createdAt");

-- CreateIndex
CREATE INDEX "Application_baseCertificateId_idx" ON "Application"("baseCertificateId");
