-- DropIndex
DROP INDEX "Customer_tenantId_name_idx";

-- DropIndex
DROP INDEX "ActivityEvent_tenantId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Customer_tenantId_name_id_idx" ON "Customer"("tenantId", "name", "id");

-- CreateIndex
CREATE INDEX "Customer_rateTableId_name_idx" ON "Customer"("rateTableId", "name");

-- CreateIndex
CREATE INDEX "ApiUser_tenantId_usernameLower_idx" ON "ApiUser"("tenantId", "usernameLower" text_pattern_ops);

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_revokedAt_expiresAt_idx" ON "ApiToken"("tenantId", "revokedAt", "expiresAt");

-- CreateIndex
CREATE INDEX "ActivityEvent_tenantId_createdAt_id_idx" ON "ActivityEvent"("tenantId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ActivityEvent_tenantId_action_idx" ON "ActivityEvent"("tenantId", "action" text_pattern_ops);

-- CreateIndex
CREATE INDEX "ActivityEvent_tenantId_createdAt_status_method_idx" ON "ActivityEvent"("tenantId", "createdAt", "status", "method");

-- CreateIndex
CREATE INDEX "Shipment_tenantId_customerId_createdAt_id_idx" ON "Shipment"("tenantId", "customerId", "createdAt" DESC, "id" DESC);

