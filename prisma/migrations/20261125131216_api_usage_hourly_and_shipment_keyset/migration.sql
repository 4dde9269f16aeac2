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
CREATE INDEX "Shipment_apiUserId_environment_createdAt_id_idx" ON "Shipment"("apiUserId", "environment", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "ApiUsageHourly" ADD CONSTRAINT "ApiUsageHourly_apiUserId_fkey" FOREIGN KEY ("apiUserId") REFERENCES "ApiUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

