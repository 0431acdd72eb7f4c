-- The foundation's demo sign-in is gone (real sign-in replaced it): its sessions, which
-- have neither an account nor a staff user, are already refused; remove them and the column.
DELETE FROM "Session" WHERE "accountId" IS NULL AND "staffUserId" IS NULL;

-- AlterTable
ALTER TABLE "Session" DROP COLUMN "demoHolderId";
