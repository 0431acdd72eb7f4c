-- CreateEnum
CREATE TYPE "FaceVerificationState" AS ENUM ('PENDING', 'PASSED', 'FAILED');

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "realNameFailuresSince" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "FaceVerification" DROP COLUMN "passed",
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "failureReason" VARCHAR(40),
ADD COLUMN     "state" "FaceVerificationState" NOT NULL DEFAULT 'PENDING',
ALTER COLUMN "providerRef" DROP NOT NULL,
ALTER COLUMN "verifiedAt" DROP NOT NULL,
ALTER COLUMN "verifiedAt" DROP DEFAULT;

-- CreateIndex
CREATE UNIQUE INDEX "FaceVerification_providerRef_key" ON "FaceVerification"("providerRef");
