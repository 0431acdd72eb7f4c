-- AlterTable
ALTER TABLE "Holder" ADD COLUMN     "addressEnc" BYTEA,
ADD COLUMN     "birthDateEnc" BYTEA,
ADD COLUMN     "legalRepNameEnc" BYTEA,
ADD COLUMN     "legalRepNameHash" VARCHAR(64);

