-- Issue 18. The dashboard's Test / Live switch filters the activity log, its CSV export and
-- the Overview's recent events by a column of the event instead of a join with its token,
-- so one index serves each environment's pages (a test-mode page of a large log read every
-- event of the tenant to find its few test ones).

-- AlterTable: a constant default, so no rewrite of the table.
ALTER TABLE "ActivityEvent" ADD COLUMN     "environment" "Environment" NOT NULL DEFAULT 'LIVE';

-- Backfill: an event of a test token is a Test event; every other one (live tokens,
-- dashboard changes, failed logins) stays LIVE. Only the test rows are written.
UPDATE "ActivityEvent" e SET "environment" = 'TEST'
FROM "ApiToken" t
WHERE e."apiTokenId" = t."id" AND t."environment" = 'TEST';

-- An event takes its token's environment, whoever writes it (the API's batch writer, the
-- dashboard's changes, the seed): one rule in one place. A token's environment never changes.
CREATE FUNCTION "activity_event_environment"() RETURNS trigger AS $$
BEGIN
  NEW."environment" := COALESCE((SELECT t."environment" FROM "ApiToken" t WHERE t."id" = NEW."apiTokenId"), NEW."environment");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ActivityEvent_environment_from_ApiToken"
BEFORE INSERT ON "ActivityEvent"
FOR EACH ROW WHEN (NEW."apiTokenId" IS NOT NULL)
EXECUTE FUNCTION "activity_event_environment"();

-- The log's indexes gain the environment (every tenant-wide read of the log names one).
-- DropIndex
DROP INDEX "ActivityEvent_tenantId_action_idx";

-- DropIndex
DROP INDEX "ActivityEvent_tenantId_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "ActivityEvent_tenantId_environment_createdAt_id_idx" ON "ActivityEvent"("tenantId", "environment", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ActivityEvent_tenantId_environment_action_idx" ON "ActivityEvent"("tenantId", "environment", "action" text_pattern_ops);

-- The Overview's active tokens, kept: per tenant and environment, the tokens that work and
-- never expire (see schema.prisma, ApiTokenCount).
-- CreateTable
CREATE TABLE "ApiTokenCount" (
    "tenantId" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "usable" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiTokenCount_pkey" PRIMARY KEY ("tenantId","environment")
);

-- AddForeignKey
ALTER TABLE "ApiTokenCount" ADD CONSTRAINT "ApiTokenCount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Adds delta to a tenant's count of one environment. Only a count that went up can come
-- down, so a decrease never needs a row (and never makes one for a tenant being deleted).
CREATE FUNCTION "api_token_count_add"(tenant TEXT, env "Environment", delta INTEGER) RETURNS void AS $$
BEGIN
  IF delta > 0 THEN
    INSERT INTO "ApiTokenCount" ("tenantId", "environment", "usable") VALUES (tenant, env, delta)
    ON CONFLICT ("tenantId", "environment") DO UPDATE SET "usable" = "ApiTokenCount"."usable" + delta;
  ELSIF delta < 0 THEN
    UPDATE "ApiTokenCount" SET "usable" = "usable" + delta WHERE "tenantId" = tenant AND "environment" = env;
  END IF;
END;
$$ LANGUAGE plpgsql;

-- Whether an API user's tokens can count: active and not deleted; false for a user deleted
-- in this transaction (its BEFORE DELETE trigger took its tokens off). FOR SHARE: a
-- concurrent (de)activation of the user waits for this transaction's token change, or this
-- change waits for it and reads its outcome, so the two never both miss each other.
CREATE FUNCTION "api_user_counts_tokens"(user_id TEXT) RETURNS boolean AS $$
DECLARE
  counts boolean;
BEGIN
  SELECT u."active" AND u."deletedAt" IS NULL INTO counts FROM "ApiUser" u WHERE u."id" = user_id FOR SHARE;
  RETURN COALESCE(counts, false);
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION "api_token_count_token"() RETURNS trigger AS $$
DECLARE
  was boolean := TG_OP <> 'INSERT' AND OLD."revokedAt" IS NULL AND OLD."disabledAt" IS NULL AND OLD."expiresAt" IS NULL;
  now_counts boolean := TG_OP <> 'DELETE' AND NEW."revokedAt" IS NULL AND NEW."disabledAt" IS NULL AND NEW."expiresAt" IS NULL;
BEGIN
  IF was AND now_counts AND OLD."tenantId" = NEW."tenantId" AND OLD."environment" = NEW."environment" AND OLD."apiUserId" = NEW."apiUserId" THEN
    RETURN NULL;
  END IF;
  IF was AND "api_user_counts_tokens"(OLD."apiUserId") THEN
    PERFORM "api_token_count_add"(OLD."tenantId", OLD."environment", -1);
  END IF;
  IF now_counts AND "api_user_counts_tokens"(NEW."apiUserId") THEN
    PERFORM "api_token_count_add"(NEW."tenantId", NEW."environment", 1);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Not on lastUsedAt (every API call's write): only the columns that decide whether a token counts.
CREATE TRIGGER "ApiToken_count"
AFTER INSERT OR DELETE OR UPDATE OF "revokedAt", "disabledAt", "expiresAt", "environment", "tenantId", "apiUserId" ON "ApiToken"
FOR EACH ROW EXECUTE FUNCTION "api_token_count_token"();

-- A user (de)activated, deleted or restored moves all its counting tokens in or out.
CREATE FUNCTION "api_token_count_user"() RETURNS trigger AS $$
DECLARE
  was boolean := OLD."active" AND OLD."deletedAt" IS NULL;
  now_counts boolean := TG_OP = 'UPDATE' AND NEW."active" AND NEW."deletedAt" IS NULL;
  row record;
BEGIN
  IF was <> now_counts THEN
    FOR row IN
      SELECT t."tenantId", t."environment", count(*)::int AS n FROM "ApiToken" t
      WHERE t."apiUserId" = OLD."id" AND t."revokedAt" IS NULL AND t."disabledAt" IS NULL AND t."expiresAt" IS NULL
      GROUP BY 1, 2
    LOOP
      PERFORM "api_token_count_add"(row."tenantId", row."environment", CASE WHEN now_counts THEN row.n ELSE -row.n END);
    END LOOP;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NULL END;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ApiUser_token_count"
AFTER UPDATE OF "active", "deletedAt" ON "ApiUser"
FOR EACH ROW WHEN (OLD."active" IS DISTINCT FROM NEW."active" OR OLD."deletedAt" IS DISTINCT FROM NEW."deletedAt")
EXECUTE FUNCTION "api_token_count_user"();

-- Before the delete, while its tokens are still there (they go by cascade, and then find no user).
CREATE TRIGGER "ApiUser_token_count_delete"
BEFORE DELETE ON "ApiUser"
FOR EACH ROW EXECUTE FUNCTION "api_token_count_user"();

-- Backfill the counts.
INSERT INTO "ApiTokenCount" ("tenantId", "environment", "usable")
SELECT t."tenantId", t."environment", count(*)::int
FROM "ApiToken" t JOIN "ApiUser" u ON u."id" = t."apiUserId"
WHERE t."revokedAt" IS NULL AND t."disabledAt" IS NULL AND t."expiresAt" IS NULL AND u."active" AND u."deletedAt" IS NULL
GROUP BY 1, 2;
