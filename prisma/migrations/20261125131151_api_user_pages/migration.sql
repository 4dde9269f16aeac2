-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "disabledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ApiUser" ADD COLUMN     "lastUsedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "dashboardEnvironment" "Environment" NOT NULL DEFAULT 'LIVE';

-- CreateIndex
CREATE INDEX "ActivityEvent_apiUserId_createdAt_id_idx" ON "ActivityEvent"("apiUserId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ApiUser_tenantId_customerId_usernameLower_id_idx" ON "ApiUser"("tenantId", "customerId", "usernameLower", "id");

-- CreateIndex
CREATE INDEX "ApiUser_tenantId_customerId_lastUsedAt_id_idx" ON "ApiUser"("tenantId", "customerId", "lastUsedAt" DESC NULLS LAST, "id" DESC);

-- NULLS LAST above by hand (Prisma's schema cannot say it): the lists sort by last use
-- with never-used users at the end, and only an index in that order serves the keyset
-- query without a sort of every user of the scope.

-- ApiUser.lastUsedAt follows its tokens' lastUsedAt (written by the API's activity
-- queue), so the lists can sort and page by last use from the user rows alone.
CREATE FUNCTION "api_user_last_used"() RETURNS trigger AS $$
BEGIN
  UPDATE "ApiUser" SET "lastUsedAt" = NEW."lastUsedAt"
  WHERE "id" = NEW."apiUserId" AND ("lastUsedAt" IS NULL OR "lastUsedAt" < NEW."lastUsedAt");
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ApiToken_lastUsedAt_to_ApiUser"
AFTER INSERT OR UPDATE OF "lastUsedAt" ON "ApiToken"
FOR EACH ROW WHEN (NEW."lastUsedAt" IS NOT NULL)
EXECUTE FUNCTION "api_user_last_used"();

UPDATE "ApiUser" u SET "lastUsedAt" = t."lastUsedAt"
FROM (SELECT "apiUserId", max("lastUsedAt") AS "lastUsedAt" FROM "ApiToken" GROUP BY "apiUserId") t
WHERE t."apiUserId" = u."id" AND t."lastUsedAt" IS NOT NULL;
