-- Issue 18: the Overview's active tokens, kept per day of expiry. The count of the previous
-- migration kept the tokens that never expire and counted those with an expiry at read
-- time; a tenant whose tokens mostly expire (logins with a lifetime) would count them all.
-- Now every working token is kept, under the UTC day it expires (9999-12-31: never), and the
-- Overview sums the days after today plus today's tokens still ahead of their expiry.

-- The rows are rebuilt below.
DELETE FROM "ApiTokenCount";

-- AlterTable
ALTER TABLE "ApiTokenCount" DROP CONSTRAINT "ApiTokenCount_pkey",
ADD COLUMN     "expiresDay" TIMESTAMP(3) NOT NULL,
ADD CONSTRAINT "ApiTokenCount_pkey" PRIMARY KEY ("tenantId", "environment", "expiresDay");

-- The bucket of a token's expiry (timestamps are UTC, as Prisma stores them).
CREATE FUNCTION "api_token_expires_day"(expires_at TIMESTAMP(3)) RETURNS TIMESTAMP(3) AS $$
  SELECT COALESCE(date_trunc('day', expires_at), TIMESTAMP '9999-12-31');
$$ LANGUAGE sql IMMUTABLE;

DROP FUNCTION "api_token_count_add"(TEXT, "Environment", INTEGER);

-- Adds delta to one bucket. Only a count that went up can come down, so a decrease never
-- needs a row (and never makes one for a tenant being deleted).
CREATE FUNCTION "api_token_count_add"(tenant TEXT, env "Environment", expires_at TIMESTAMP(3), delta INTEGER) RETURNS void AS $$
BEGIN
  IF delta > 0 THEN
    INSERT INTO "ApiTokenCount" ("tenantId", "environment", "expiresDay", "usable")
    VALUES (tenant, env, "api_token_expires_day"(expires_at), delta)
    ON CONFLICT ("tenantId", "environment", "expiresDay") DO UPDATE SET "usable" = "ApiTokenCount"."usable" + delta;
  ELSIF delta < 0 THEN
    UPDATE "ApiTokenCount" SET "usable" = "usable" + delta
    WHERE "tenantId" = tenant AND "environment" = env AND "expiresDay" = "api_token_expires_day"(expires_at);
  END IF;
END;
$$ LANGUAGE plpgsql;

-- A token counts while it is neither revoked nor disabled and its user is active
-- (api_user_counts_tokens, of the previous migration); its expiry picks the bucket.
CREATE OR REPLACE FUNCTION "api_token_count_token"() RETURNS trigger AS $$
DECLARE
  was boolean := TG_OP <> 'INSERT' AND OLD."revokedAt" IS NULL AND OLD."disabledAt" IS NULL;
  now_counts boolean := TG_OP <> 'DELETE' AND NEW."revokedAt" IS NULL AND NEW."disabledAt" IS NULL;
BEGIN
  IF was AND now_counts AND OLD."tenantId" = NEW."tenantId" AND OLD."environment" = NEW."environment"
     AND OLD."apiUserId" = NEW."apiUserId" AND OLD."expiresAt" IS NOT DISTINCT FROM NEW."expiresAt" THEN
    RETURN NULL;
  END IF;
  IF was AND "api_user_counts_tokens"(OLD."apiUserId") THEN
    PERFORM "api_token_count_add"(OLD."tenantId", OLD."environment", OLD."expiresAt", -1);
  END IF;
  IF now_counts AND "api_user_counts_tokens"(NEW."apiUserId") THEN
    PERFORM "api_token_count_add"(NEW."tenantId", NEW."environment", NEW."expiresAt", 1);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "api_token_count_user"() RETURNS trigger AS $$
DECLARE
  was boolean := OLD."active" AND OLD."deletedAt" IS NULL;
  now_counts boolean := TG_OP = 'UPDATE' AND NEW."active" AND NEW."deletedAt" IS NULL;
  row record;
BEGIN
  IF was <> now_counts THEN
    FOR row IN
      SELECT t."tenantId", t."environment", t."expiresAt", count(*)::int AS n FROM "ApiToken" t
      WHERE t."apiUserId" = OLD."id" AND t."revokedAt" IS NULL AND t."disabledAt" IS NULL
      GROUP BY 1, 2, 3
    LOOP
      PERFORM "api_token_count_add"(row."tenantId", row."environment", row."expiresAt", CASE WHEN now_counts THEN row.n ELSE -row.n END);
    END LOOP;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NULL END;
END;
$$ LANGUAGE plpgsql;

-- Rebuild the counts.
INSERT INTO "ApiTokenCount" ("tenantId", "environment", "expiresDay", "usable")
SELECT t."tenantId", t."environment", "api_token_expires_day"(t."expiresAt"), count(*)::int
FROM "ApiToken" t JOIN "ApiUser" u ON u."id" = t."apiUserId"
WHERE t."revokedAt" IS NULL AND t."disabledAt" IS NULL AND u."active" AND u."deletedAt" IS NULL
GROUP BY 1, 2, 3;
