-- CreateTable
CREATE TABLE "CarrierAuth" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "apiUserId" TEXT NOT NULL,
    "courier" TEXT NOT NULL,
    "company" TEXT NOT NULL,
    "testing" BOOLEAN NOT NULL DEFAULT false,
    "fields" JSONB NOT NULL,
    "secrets" JSONB NOT NULL,
    "createdById" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CarrierAuth_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: the API user's page lists its auths (WHERE "tenantId" AND "apiUserId" ORDER BY "createdAt")
CREATE INDEX "CarrierAuth_tenantId_apiUserId_createdAt_idx" ON "CarrierAuth"("tenantId", "apiUserId", "createdAt");

-- AddForeignKey
ALTER TABLE "CarrierAuth" ADD CONSTRAINT "CarrierAuth_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarrierAuth" ADD CONSTRAINT "CarrierAuth_apiUserId_fkey" FOREIGN KEY ("apiUserId") REFERENCES "ApiUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarrierAuth" ADD CONSTRAINT "CarrierAuth_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarrierAuth" ADD CONSTRAINT "CarrierAuth_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

