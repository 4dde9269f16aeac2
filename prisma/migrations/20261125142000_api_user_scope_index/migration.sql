-- The (tenantId, customerId) index is the prefix of the list indexes (api_user_pages): redundant.
DROP INDEX "ApiUser_tenantId_customerId_idx";
