-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "leakAcknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "leakSource" TEXT,
ADD COLUMN     "leakUrl" TEXT,
ADD COLUMN     "leakedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_leakedAt_idx" ON "ApiToken"("tenantId", "leakedAt");
