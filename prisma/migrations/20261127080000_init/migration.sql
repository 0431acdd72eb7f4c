-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "HolderKind" AS ENUM ('PERSON', 'OPERATOR');

-- CreateEnum
CREATE TYPE "Carrier" AS ENUM ('PAPER', 'IC_CARD', 'ELECTRONIC');

-- CreateEnum
CREATE TYPE "CertificateStatus" AS ENUM ('VALID', 'REPLACED', 'EXPIRED', 'CANCELLED', 'ANNULLED', 'REVOKED');

-- CreateEnum
CREATE TYPE "IssueReason" AS ENUM ('INITIAL', 'REISSUE', 'REPLACEMENT', 'CHANGE', 'RENEWAL', 'OTHER');

-- CreateEnum
CREATE TYPE "OperatorRole" AS ENUM ('LEGAL_REPRESENTATIVE', 'MANAGER', 'VIEWER');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('REVIEWER', 'DATA_STEWARD', 'ADMIN');

-- CreateEnum
CREATE TYPE "ConsentKind" AS ENUM ('PRIVACY_POLICY', 'ID_NUMBER', 'FACE_DATA', 'SMS_REMINDERS');

-- CreateEnum
CREATE TYPE "ApplicationKind" AS ENUM ('INITIAL', 'CONVERSION', 'REPLACEMENT', 'REISSUE', 'CHANGE', 'RENEWAL');

-- CreateEnum
CREATE TYPE "ApplicationState" AS ENUM ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'APPROVED', 'RETURNED', 'REJECTED', 'ISSUED');

-- CreateEnum
CREATE TYPE "PhotoPurpose" AS ENUM ('PORTRAIT', 'EVIDENCE');

-- CreateEnum
CREATE TYPE "PhotoState" AS ENUM ('ACCEPTED', 'REJECTED', 'DELETED');

-- CreateEnum
CREATE TYPE "PartnerKind" AS ENUM ('ENFORCEMENT', 'SHIPPER', 'FREIGHT_PLATFORM', 'EMPLOYER', 'INSURER');

-- CreateEnum
CREATE TYPE "VerificationChannel" AS ENUM ('QR_PORTAL', 'QR_MINIAPP', 'QR_OFFLINE_SYNC', 'LOOKUP', 'PARTNER_API', 'SHARE_OPEN');

-- CreateEnum
CREATE TYPE "CompletionTaskState" AS ENUM ('OPEN', 'SUBMITTED', 'CONFIRMED', 'REJECTED', 'WAIVED');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('EXPIRY', 'ANNUAL_REVIEW', 'RENEWAL', 'MISSING_DATA', 'APPLICATION_STATUS');

-- CreateEnum
CREATE TYPE "MessageChannel" AS ENUM ('SMS', 'WECHAT_SUBSCRIBE');

-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'DEAD', 'SUPPRESSED');

-- CreateTable
CREATE TABLE "Holder" (
    "id" UUID NOT NULL,
    "kind" "HolderKind" NOT NULL,
    "holderTypeCode" VARCHAR(3) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "idNumberEnc" BYTEA,
    "idNumberHash" VARCHAR(64),
    "idNumberMasked" VARCHAR(32),
    "creditCode" VARCHAR(18),
    "phoneEnc" BYTEA,
    "phoneHash" VARCHAR(64),
    "phoneMasked" VARCHAR(16),
    "gender" VARCHAR(1),
    "birthDate" DATE,
    "areaCode" VARCHAR(6) NOT NULL,
    "address" VARCHAR(300),
    "legalRepName" VARCHAR(100),
    "legalRepIdEnc" BYTEA,
    "legalRepIdHash" VARCHAR(64),
    "businessStatus" VARCHAR(2),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Holder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vehicle" (
    "id" UUID NOT NULL,
    "operatorId" UUID NOT NULL,
    "plateNumber" VARCHAR(10) NOT NULL,
    "plateColour" VARCHAR(2) NOT NULL,
    "vin" VARCHAR(17),
    "vehicleTypeCode" VARCHAR(4),
    "capacity" VARCHAR(20),
    "lengthMm" INTEGER,
    "widthMm" INTEGER,
    "heightMm" INTEGER,
    "operatingStatus" VARCHAR(2) NOT NULL DEFAULT '10',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vehicle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" UUID NOT NULL,
    "typeCode" VARCHAR(4) NOT NULL,
    "identifier" VARCHAR(100),
    "serial" VARCHAR(32),
    "version" INTEGER NOT NULL DEFAULT 1,
    "numberEnc" BYTEA NOT NULL,
    "numberHash" VARCHAR(64) NOT NULL,
    "numberMasked" VARCHAR(64) NOT NULL,
    "holderId" UUID NOT NULL,
    "vehicleId" UUID,
    "carrier" "Carrier" NOT NULL,
    "status" "CertificateStatus" NOT NULL DEFAULT 'VALID',
    "statusReason" VARCHAR(200),
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issueReason" "IssueReason" NOT NULL DEFAULT 'INITIAL',
    "firstIssuedOn" DATE,
    "issuedOn" DATE NOT NULL,
    "validFrom" DATE NOT NULL,
    "validUntil" DATE,
    "reviewDueOn" DATE,
    "issuingAuthority" VARCHAR(200) NOT NULL,
    "issuingAuthorityCode" VARCHAR(18) NOT NULL,
    "areaCode" VARCHAR(6) NOT NULL,
    "extension" JSONB NOT NULL DEFAULT '{}',
    "activatedAt" TIMESTAMP(3),
    "activatedByAccountId" UUID,
    "presentationEpoch" INTEGER NOT NULL DEFAULT 0,
    "signatureAlg" VARCHAR(16),
    "signatureKeyId" VARCHAR(64),
    "signature" BYTEA,
    "signedAt" TIMESTAMP(3),
    "portraitPhotoId" UUID,
    "replacedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateEvent" (
    "id" UUID NOT NULL,
    "certificateId" UUID NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "actorKind" VARCHAR(20) NOT NULL,
    "actorId" UUID,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "detail" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "CertificateEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" UUID NOT NULL,
    "wechatOpenId" VARCHAR(64),
    "wechatUnionId" VARCHAR(64),
    "phoneEnc" BYTEA,
    "phoneHash" VARCHAR(64),
    "phoneMasked" VARCHAR(16),
    "holderId" UUID,
    "realNameBoundAt" TIMESTAMP(3),
    "realNameFailures" INTEGER NOT NULL DEFAULT 0,
    "realNameLockedTill" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperatorMember" (
    "id" UUID NOT NULL,
    "operatorId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "role" "OperatorRole" NOT NULL,
    "grantedById" UUID,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "OperatorMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "username" VARCHAR(64) NOT NULL,
    "displayName" VARCHAR(100) NOT NULL,
    "passwordHash" VARCHAR(255) NOT NULL,
    "totpSecretEnc" BYTEA,
    "roles" "StaffRole"[],
    "regionCode" VARCHAR(6) NOT NULL,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "accountId" UUID,
    "staffUserId" UUID,
    "demoHolderId" UUID,
    "refreshTokenHash" VARCHAR(64) NOT NULL,
    "platform" VARCHAR(20) NOT NULL,
    "deviceLabel" VARCHAR(100),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationCode" (
    "id" UUID NOT NULL,
    "phoneHash" VARCHAR(64) NOT NULL,
    "purpose" VARCHAR(20) NOT NULL,
    "codeHash" VARCHAR(64) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "consumedAt" TIMESTAMP(3),
    "requestIp" VARCHAR(64),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "kind" "ConsentKind" NOT NULL,
    "textVersion" VARCHAR(20) NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FaceVerification" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "provider" VARCHAR(30) NOT NULL,
    "providerRef" VARCHAR(128) NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "verifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FaceVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" UUID NOT NULL,
    "holderId" UUID NOT NULL,
    "applicantAccountId" UUID,
    "typeCode" VARCHAR(4) NOT NULL,
    "kind" "ApplicationKind" NOT NULL,
    "state" "ApplicationState" NOT NULL DEFAULT 'DRAFT',
    "baseCertificateId" UUID,
    "issuedCertificateId" UUID,
    "formData" JSONB NOT NULL DEFAULT '{}',
    "returnReasons" JSONB,
    "rejectReason" VARCHAR(500),
    "idempotencyKey" VARCHAR(64),
    "areaCode" VARCHAR(6) NOT NULL,
    "reviewerStaffId" UUID,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApplicationEvent" (
    "id" UUID NOT NULL,
    "applicationId" UUID NOT NULL,
    "fromState" "ApplicationState",
    "toState" "ApplicationState" NOT NULL,
    "actorKind" VARCHAR(20) NOT NULL,
    "actorId" UUID,
    "note" VARCHAR(500),
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApplicationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Photo" (
    "id" UUID NOT NULL,
    "holderId" UUID NOT NULL,
    "applicationId" UUID,
    "purpose" "PhotoPurpose" NOT NULL,
    "state" "PhotoState" NOT NULL,
    "originalKey" VARCHAR(300) NOT NULL,
    "processedKey" VARCHAR(300),
    "width" INTEGER,
    "height" INTEGER,
    "bytes" INTEGER,
    "sha256" VARCHAR(64) NOT NULL,
    "verdict" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Photo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "kid" VARCHAR(64) NOT NULL,
    "algorithm" VARCHAR(16) NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "Partner" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" "PartnerKind" NOT NULL,
    "creditCode" VARCHAR(18),
    "apiKeyHash" VARCHAR(64) NOT NULL,
    "apiKeyPrefix" VARCHAR(12) NOT NULL,
    "scopes" TEXT[],
    "rateLimitPerMinute" INTEGER NOT NULL DEFAULT 600,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VerificationEvent" (
    "id" UUID NOT NULL,
    "certificateId" UUID NOT NULL,
    "channel" "VerificationChannel" NOT NULL,
    "verifierRole" VARCHAR(30) NOT NULL,
    "partnerId" UUID,
    "shareId" UUID,
    "result" VARCHAR(30) NOT NULL,
    "fieldsShown" TEXT[],
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Share" (
    "id" UUID NOT NULL,
    "holderId" UUID NOT NULL,
    "creatorAccountId" UUID,
    "purposeCode" VARCHAR(20) NOT NULL,
    "purposeText" VARCHAR(200) NOT NULL,
    "recipientName" VARCHAR(200),
    "watermarkText" VARCHAR(200) NOT NULL,
    "linkTokenHash" VARCHAR(64) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Share_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareItem" (
    "shareId" UUID NOT NULL,
    "certificateId" UUID NOT NULL,

    CONSTRAINT "ShareItem_pkey" PRIMARY KEY ("shareId","certificateId")
);

-- CreateTable
CREATE TABLE "CompletionTask" (
    "id" UUID NOT NULL,
    "certificateId" UUID NOT NULL,
    "holderId" UUID NOT NULL,
    "ruleCode" VARCHAR(60) NOT NULL,
    "field" VARCHAR(60) NOT NULL,
    "message" VARCHAR(300) NOT NULL,
    "state" "CompletionTaskState" NOT NULL DEFAULT 'OPEN',
    "suppliedValue" JSONB,
    "evidencePhotoId" UUID,
    "resolvedByStaffId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "CompletionTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceRun" (
    "id" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "total" INTEGER NOT NULL DEFAULT 0,
    "compliant" INTEGER NOT NULL DEFAULT 0,
    "summary" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "ComplianceRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" UUID NOT NULL,
    "holderId" UUID NOT NULL,
    "certificateId" UUID,
    "kind" "ReminderKind" NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "dedupeKey" VARCHAR(120) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageOutbox" (
    "id" UUID NOT NULL,
    "channel" "MessageChannel" NOT NULL,
    "dedupeKey" VARCHAR(120) NOT NULL,
    "recipientEnc" BYTEA NOT NULL,
    "recipientHash" VARCHAR(64) NOT NULL,
    "templateCode" VARCHAR(40) NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "provider" VARCHAR(30) NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "providerMessageId" VARCHAR(100),
    "lastError" VARCHAR(500),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageOptOut" (
    "recipientHash" VARCHAR(64) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageOptOut_pkey" PRIMARY KEY ("recipientHash")
);

-- CreateTable
CREATE TABLE "ShortLink" (
    "code" VARCHAR(16) NOT NULL,
    "targetPath" VARCHAR(500) NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShortLink_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "AggregationOutbox" (
    "id" UUID NOT NULL,
    "certificateId" UUID NOT NULL,
    "event" VARCHAR(20) NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupeKey" VARCHAR(120) NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" VARCHAR(500),
    "sentAt" TIMESTAMP(3),
    "ackedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AggregationOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" VARCHAR(20) NOT NULL,
    "actorId" VARCHAR(64),
    "action" VARCHAR(60) NOT NULL,
    "subjectType" VARCHAR(40),
    "subjectId" VARCHAR(64),
    "outcome" VARCHAR(20) NOT NULL,
    "requestId" VARCHAR(64),
    "detail" JSONB NOT NULL DEFAULT '{}',
    "prevHash" VARCHAR(64) NOT NULL,
    "hash" VARCHAR(64) NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "Holder_idNumberHash_key" ON "Holder"("idNumberHash");

-- CreateIndex
CREATE UNIQUE INDEX "Holder_creditCode_key" ON "Holder"("creditCode");

-- CreateIndex
CREATE INDEX "Holder_kind_areaCode_idx" ON "Holder"("kind", "areaCode");

-- CreateIndex
CREATE INDEX "Holder_phoneHash_idx" ON "Holder"("phoneHash");

-- CreateIndex
CREATE INDEX "Vehicle_operatorId_idx" ON "Vehicle"("operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Vehicle_plateNumber_plateColour_key" ON "Vehicle"("plateNumber", "plateColour");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_identifier_key" ON "Certificate"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_portraitPhotoId_key" ON "Certificate"("portraitPhotoId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_replacedById_key" ON "Certificate"("replacedById");

-- CreateIndex
CREATE INDEX "Certificate_holderId_idx" ON "Certificate"("holderId");

-- CreateIndex
CREATE INDEX "Certificate_vehicleId_idx" ON "Certificate"("vehicleId");

-- CreateIndex
CREATE INDEX "Certificate_numberHash_idx" ON "Certificate"("numberHash");

-- CreateIndex
CREATE INDEX "Certificate_typeCode_areaCode_status_idx" ON "Certificate"("typeCode", "areaCode", "status");

-- CreateIndex
CREATE INDEX "Certificate_validUntil_idx" ON "Certificate"("validUntil");

-- CreateIndex
CREATE INDEX "CertificateEvent_certificateId_at_idx" ON "CertificateEvent"("certificateId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Account_wechatOpenId_key" ON "Account"("wechatOpenId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_phoneHash_key" ON "Account"("phoneHash");

-- CreateIndex
CREATE UNIQUE INDEX "Account_holderId_key" ON "Account"("holderId");

-- CreateIndex
CREATE UNIQUE INDEX "OperatorMember_operatorId_accountId_key" ON "OperatorMember"("operatorId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_username_key" ON "StaffUser"("username");

-- CreateIndex
CREATE UNIQUE INDEX "Session_refreshTokenHash_key" ON "Session"("refreshTokenHash");

-- CreateIndex
CREATE INDEX "Session_accountId_idx" ON "Session"("accountId");

-- CreateIndex
CREATE INDEX "Session_staffUserId_idx" ON "Session"("staffUserId");

-- CreateIndex
CREATE INDEX "VerificationCode_phoneHash_createdAt_idx" ON "VerificationCode"("phoneHash", "createdAt");

-- CreateIndex
CREATE INDEX "Consent_accountId_kind_idx" ON "Consent"("accountId", "kind");

-- CreateIndex
CREATE INDEX "FaceVerification_accountId_verifiedAt_idx" ON "FaceVerification"("accountId", "verifiedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Application_issuedCertificateId_key" ON "Application"("issuedCertificateId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_idempotencyKey_key" ON "Application"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Application_state_typeCode_areaCode_idx" ON "Application"("state", "typeCode", "areaCode");

-- CreateIndex
CREATE INDEX "Application_holderId_idx" ON "Application"("holderId");

-- CreateIndex
CREATE INDEX "ApplicationEvent_applicationId_at_idx" ON "ApplicationEvent"("applicationId", "at");

-- CreateIndex
CREATE INDEX "Photo_holderId_idx" ON "Photo"("holderId");

-- CreateIndex
CREATE UNIQUE INDEX "Partner_apiKeyHash_key" ON "Partner"("apiKeyHash");

-- CreateIndex
CREATE INDEX "VerificationEvent_certificateId_at_idx" ON "VerificationEvent"("certificateId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Share_linkTokenHash_key" ON "Share"("linkTokenHash");

-- CreateIndex
CREATE INDEX "Share_holderId_idx" ON "Share"("holderId");

-- CreateIndex
CREATE INDEX "CompletionTask_holderId_state_idx" ON "CompletionTask"("holderId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "CompletionTask_certificateId_ruleCode_field_key" ON "CompletionTask"("certificateId", "ruleCode", "field");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_dedupeKey_key" ON "Reminder"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "MessageOutbox_dedupeKey_key" ON "MessageOutbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "MessageOutbox_state_nextAttemptAt_idx" ON "MessageOutbox"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "MessageOutbox_recipientHash_createdAt_idx" ON "MessageOutbox"("recipientHash", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AggregationOutbox_dedupeKey_key" ON "AggregationOutbox"("dedupeKey");

-- CreateIndex
CREATE INDEX "AggregationOutbox_state_nextAttemptAt_idx" ON "AggregationOutbox"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AggregationOutbox_certificateId_idx" ON "AggregationOutbox"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_hash_key" ON "AuditLog"("hash");

-- CreateIndex
CREATE INDEX "AuditLog_subjectType_subjectId_idx" ON "AuditLog"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "AuditLog_actorKind_actorId_idx" ON "AuditLog"("actorKind", "actorId");

-- AddForeignKey
ALTER TABLE "Vehicle" ADD CONSTRAINT "Vehicle_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_portraitPhotoId_fkey" FOREIGN KEY ("portraitPhotoId") REFERENCES "Photo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_replacedById_fkey" FOREIGN KEY ("replacedById") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateEvent" ADD CONSTRAINT "CertificateEvent_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "Holder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorMember" ADD CONSTRAINT "OperatorMember_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorMember" ADD CONSTRAINT "OperatorMember_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorMember" ADD CONSTRAINT "OperatorMember_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FaceVerification" ADD CONSTRAINT "FaceVerification_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_applicantAccountId_fkey" FOREIGN KEY ("applicantAccountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_baseCertificateId_fkey" FOREIGN KEY ("baseCertificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_issuedCertificateId_fkey" FOREIGN KEY ("issuedCertificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationEvent" ADD CONSTRAINT "ApplicationEvent_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationEvent" ADD CONSTRAINT "VerificationEvent_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationEvent" ADD CONSTRAINT "VerificationEvent_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Partner"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerificationEvent" ADD CONSTRAINT "VerificationEvent_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "Share"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Share" ADD CONSTRAINT "Share_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Share" ADD CONSTRAINT "Share_creatorAccountId_fkey" FOREIGN KEY ("creatorAccountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareItem" ADD CONSTRAINT "ShareItem_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "Share"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareItem" ADD CONSTRAINT "ShareItem_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionTask" ADD CONSTRAINT "CompletionTask_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionTask" ADD CONSTRAINT "CompletionTask_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompletionTask" ADD CONSTRAINT "CompletionTask_evidencePhotoId_fkey" FOREIGN KEY ("evidencePhotoId") REFERENCES "Photo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "Holder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AggregationOutbox" ADD CONSTRAINT "AggregationOutbox_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

