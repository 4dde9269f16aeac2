-- Counts of API users that are not deleted, from the index alone (Customers page, list totals,
-- overview): the name list's index gains a trailing deletedAt (an index of its own would be
-- taken for the lists too, sorting the whole scope).
-- DropIndex
DROP INDEX "ApiUser_tenantId_customerId_usernameLower_id_idx";

-- CreateIndex
CREATE INDEX "ApiUser_tenantId_customerId_usernameLower_id_deletedAt_idx" ON "ApiUser"("tenantId", "customerId", "usernameLower", "id", "deletedAt");

-- The overview counts the last day's calls from the hourly rollup now (ApiUsageHourly): no
-- query reads this index any more, and every API call's event paid for it.
-- DropIndex
DROP INDEX "ActivityEvent_tenantId_createdAt_status_method_idx";
