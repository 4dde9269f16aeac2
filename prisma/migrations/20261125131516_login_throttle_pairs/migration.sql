-- Failures were keyed "user:…"/"ip:…" in one column; they last 15 minutes and cannot be split
-- into (account, ip) pairs, so they are dropped rather than carried over.
DELETE FROM "LoginFailure";

-- DropIndex
DROP INDEX "LoginFailure_key_at_idx";

-- AlterTable
ALTER TABLE "LoginFailure" DROP COLUMN "key",
ADD COLUMN     "account" TEXT NOT NULL,
ADD COLUMN     "ip" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "LoginAddress" (
    "account" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "lastSuccessAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAddress_pkey" PRIMARY KEY ("account","ip")
);

-- CreateIndex
CREATE INDEX "LoginAddress_lastSuccessAt_idx" ON "LoginAddress"("lastSuccessAt");

-- CreateIndex
CREATE INDEX "LoginFailure_account_ip_at_idx" ON "LoginFailure"("account", "ip", "at");

-- CreateIndex
CREATE INDEX "LoginFailure_ip_at_idx" ON "LoginFailure"("ip", "at");

-- CreateIndex
CREATE INDEX "LoginFailure_at_idx" ON "LoginFailure"("at");
