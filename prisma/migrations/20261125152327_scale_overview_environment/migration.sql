-- Overview (lib/tenants/overview.ts): active tokens and 24-hour calls of one environment.
-- DropIndex
DROP INDEX "ApiToken_tenantId_revokedAt_expiresAt_idx";

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_environment_revokedAt_expiresAt_idx" ON "ApiToken"("tenantId", "environment", "revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "ApiUsageHourly_tenantId_environment_hour_idx" ON "ApiUsageHourly"("tenantId", "environment", "hour");
