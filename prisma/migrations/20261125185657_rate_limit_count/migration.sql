-- An API user's events newest first are served by ActivityEvent(apiUserId, createdAt, id)
-- (recentActivity with apiUserId, GET /v1/me's last calls, the Activity tab): this index,
-- its prefix, only cost every API call's event a second index write.
-- DropIndex
DROP INDEX "ActivityEvent_apiUserId_createdAt_idx";

-- The rate limiter keeps each user's count of RateLimitHit rows instead of counting the window
-- on every call (lib/rate-limit/postgres.ts).
-- CreateTable
CREATE TABLE "RateLimitCount" (
    "apiUserId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "deletedTo" TIMESTAMP(6),

    CONSTRAINT "RateLimitCount_pkey" PRIMARY KEY ("apiUserId")
);

-- The hits already counted keep counting.
INSERT INTO "RateLimitCount" ("apiUserId", "count")
SELECT "apiUserId", count(*)::int FROM "RateLimitHit" GROUP BY "apiUserId";
