-- CreateTable
CREATE TABLE "ApiUsageHourly" (
    "apiUserId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "success" INTEGER NOT NULL DEFAULT 0,
    "clientError" INTEGER NOT NULL DEFAULT 0,
    "rateLimited" INTEGER NOT NULL DEFAULT 0,
    "serverError" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiUsageHourly_pkey" PRIMARY KEY ("apiUserId","environment","hour")
);

-- CreateIndex
CREATE INDEX "Shipment_tenantId_environment_createdAt_id_idx" ON "Shipment"("tenantId", "environment", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Shipment_tenantId_environment_status_createdAt_id_idx" ON "Shipment"("tenantId", "environment", "status", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Shipment_apiUserId_environment_createdAt_id_idx" ON "Shipment"("apiUserId", "environment", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "ApiUsageHourly" ADD CONSTRAINT "ApiUsageHourly_apiUserId_fkey" FOREIGN KEY ("apiUserId") REFERENCES "ApiUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: the API calls already in the activity log (the last 31 days: the Usage tab shows 30)
-- counted once, as lib/activity/usage.ts counts new ones. Dashboard changes carry no status.
INSERT INTO "ApiUsageHourly" ("apiUserId", "tenantId", "environment", "hour", "success", "clientError", "rateLimited", "serverError")
SELECT e."apiUserId", u."tenantId", COALESCE(t."environment", 'LIVE'::"Environment"), date_trunc('hour', e."createdAt"),
       COUNT(*) FILTER (WHERE e."status" < 400)::int,
       COUNT(*) FILTER (WHERE e."status" >= 400 AND e."status" < 500 AND e."status" <> 429)::int,
       COUNT(*) FILTER (WHERE e."status" = 429)::int,
       COUNT(*) FILTER (WHERE e."status" >= 500)::int
FROM "ActivityEvent" e
JOIN "ApiUser" u ON u."id" = e."apiUserId"
LEFT JOIN "ApiToken" t ON t."id" = e."apiTokenId"
WHERE e."status" IS NOT NULL AND e."createdAt" >= (now() AT TIME ZONE 'UTC') - interval '31 days'
GROUP BY e."apiUserId", u."tenantId", COALESCE(t."environment", 'LIVE'::"Environment"), date_trunc('hour', e."createdAt");
