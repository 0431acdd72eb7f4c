-- AlterEnum
CREATE TYPE "ReminderKind_new" AS ENUM ('EXPIRY', 'EXPIRED', 'REVIEW_DUE', 'MISSING_DATA', 'APPLICATION_STATUS', 'ACTIVATION', 'CONVERSION');
ALTER TABLE "Reminder" ALTER COLUMN "kind" TYPE "ReminderKind_new" USING ("kind"::text::"ReminderKind_new");
ALTER TYPE "ReminderKind" RENAME TO "ReminderKind_old";
ALTER TYPE "ReminderKind_new" RENAME TO "ReminderKind";
DROP TYPE "ReminderKind_old";

-- AlterEnum
ALTER TYPE "OutboxState" ADD VALUE 'UNCERTAIN';

-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN     "batchId" UUID,
ADD COLUMN     "params" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "readAt" TIMESTAMP(3),
ADD COLUMN     "subjectId" UUID,
ADD COLUMN     "targetPath" VARCHAR(300),
ADD COLUMN     "variant" VARCHAR(20) NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "MessageOutbox" ADD COLUMN     "accountId" UUID,
ADD COLUMN     "deferredReason" VARCHAR(20),
ADD COLUMN     "deliveredAt" TIMESTAMP(3),
ADD COLUMN     "deliveryState" VARCHAR(10),
ADD COLUMN     "outId" VARCHAR(64),
ADD COLUMN     "reminderId" UUID,
ALTER COLUMN "recipientEnc" DROP NOT NULL,
ALTER COLUMN "recipientHash" DROP NOT NULL;

-- AlterTable
ALTER TABLE "MessageOptOut" ADD COLUMN     "source" VARCHAR(20) NOT NULL DEFAULT 'SETTINGS',
ADD COLUMN     "recipientEnc" BYTEA;

-- AlterTable
ALTER TABLE "ShortLink" ADD COLUMN     "clicks" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "firstOpenedAt" TIMESTAMP(3),
ADD COLUMN     "reminderId" UUID,
ADD COLUMN     "wechatUrlLink" VARCHAR(200),
ADD COLUMN     "wechatUrlLinkExpiresAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReminderPreference" (
    "accountId" UUID NOT NULL,
    "sms" BOOLEAN NOT NULL DEFAULT true,
    "wechat" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderPreference_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "SubscriptionGrant" (
    "accountId" UUID NOT NULL,
    "templateId" VARCHAR(64) NOT NULL,
    "remaining" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubscriptionGrant_pkey" PRIMARY KEY ("accountId","templateId")
);

-- CreateIndex
CREATE INDEX "Certificate_reviewDueOn_idx" ON "Certificate"("reviewDueOn");

-- CreateIndex
CREATE INDEX "Certificate_createdAt_idx" ON "Certificate"("createdAt");

-- CreateIndex
CREATE INDEX "CompletionTask_createdAt_idx" ON "CompletionTask"("createdAt");

-- CreateIndex
CREATE INDEX "Reminder_holderId_id_idx" ON "Reminder"("holderId", "id");

-- CreateIndex
CREATE INDEX "Reminder_createdAt_idx" ON "Reminder"("createdAt");

-- CreateIndex
CREATE INDEX "Reminder_batchId_idx" ON "Reminder"("batchId");

-- CreateIndex
CREATE INDEX "MessageOutbox_recipientHash_sentAt_idx" ON "MessageOutbox"("recipientHash", "sentAt");

-- CreateIndex
CREATE INDEX "MessageOutbox_reminderId_idx" ON "MessageOutbox"("reminderId");

-- CreateIndex
CREATE INDEX "MessageOutbox_providerMessageId_idx" ON "MessageOutbox"("providerMessageId");

-- CreateIndex
CREATE UNIQUE INDEX "ShortLink_reminderId_key" ON "ShortLink"("reminderId");

-- CreateIndex
CREATE INDEX "ShortLink_createdAt_idx" ON "ShortLink"("createdAt");

-- AddForeignKey
ALTER TABLE "MessageOutbox" ADD CONSTRAINT "MessageOutbox_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShortLink" ADD CONSTRAINT "ShortLink_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

