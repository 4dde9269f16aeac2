import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiUserUsage, usageClass } from "@/lib/activity/usage";
import { writeApiCalls, type ApiCallRecord } from "@/lib/api/activity-queue";
import { issueTokenSecret } from "@/lib/credentials/tokens";
import { db } from "@/lib/db";
import { readMigrations } from "@/lib/db/migrate";
import { apiCaller } from "./support/api";

const HOUR = 3_600_000;

describe("API usage rollup", () => {
  it("classes statuses: 2xx/3xx success, 429 rate-limited, other 4xx client errors, 5xx server errors", () => {
    expect([200, 201, 304, 400, 401, 404, 422, 429, 500, 503].map(usageClass)).toEqual([
      "success",
      "success",
      "success",
      "clientError",
      "clientError",
      "clientError",
      "clientError",
      "rateLimited",
      "serverError",
      "serverError",
    ]);
  });

  it("counts the calls written through writeApiCalls per hour, class and token environment", async () => {
    const { tenant, user, token } = await apiCaller();
    const prisma = await db();
    const secret = issueTokenSecret("TEST");
    const testToken = await prisma.apiToken.create({
      data: { tenantId: tenant.id, apiUserId: user.id, tokenHash: secret.tokenHash, hint: secret.hint, environment: "TEST" },
    });
    const now = new Date();
    const thisHour = new Date(Math.floor(now.getTime() / HOUR) * HOUR);
    const lastHour = new Date(thisHour.getTime() - HOUR + 59 * 60_000);
    const call = (status: number, at: Date, tokenId: string | null = token.id): ApiCallRecord => ({
      event: { tenantId: tenant.id, apiUserId: user.id, apiTokenId: tokenId, actor: user.username, action: "x", status, createdAt: at },
    });

    await writeApiCalls([
      call(200, now),
      call(201, now),
      call(404, now),
      call(429, now),
      call(500, lastHour),
      call(200, now, testToken.id),
    ]);
    // A second batch adds to the same hour's row.
    await writeApiCalls([call(302, now), call(422, lastHour), call(401, now, null)]);
    // A dashboard change of the same user is not an API call: no status, not counted.
    await writeApiCalls([
      { event: { tenantId: tenant.id, apiUserId: user.id, actor: "admin@x", action: "token.revoked", createdAt: now } },
    ]);

    const rows = await prisma.apiUsageHourly.findMany({
      where: { apiUserId: user.id },
      orderBy: [{ environment: "asc" }, { hour: "asc" }],
    });
    expect(
      rows.map(({ environment, hour, success, clientError, rateLimited, serverError }) => ({
        environment,
        hour: hour.toISOString(),
        counts: [success, clientError, rateLimited, serverError],
      })),
    ).toEqual([
      { environment: "LIVE", hour: new Date(thisHour.getTime() - HOUR).toISOString(), counts: [0, 1, 0, 1] },
      // 200, 201, 302; 404 and the token-less 401 (a failed sign-in counts as live); 429
      { environment: "LIVE", hour: thisHour.toISOString(), counts: [3, 2, 1, 0] },
      { environment: "TEST", hour: thisHour.toISOString(), counts: [1, 0, 0, 0] },
    ]);
    expect(rows.every((r) => r.tenantId === tenant.id)).toBe(true);

    const live = await apiUserUsage(user.id, "LIVE", now);
    expect(live.days).toHaveLength(30);
    expect(live.hours).toHaveLength(24);
    expect(live.hours.at(-1)).toMatchObject({ start: thisHour, success: 3, clientError: 2, rateLimited: 1, serverError: 0 });
    expect(live.hours.at(-2)).toMatchObject({ success: 0, clientError: 1, rateLimited: 0, serverError: 1 });
    expect(live.totals).toEqual({ success: 3, clientError: 3, rateLimited: 1, serverError: 1 });
    // The days sum the hours (the last hour may fall on yesterday just after midnight).
    const daySum = live.days.reduce((sum, d) => sum + d.success + d.clientError + d.rateLimited + d.serverError, 0);
    expect(daySum).toBe(8);
    const test = await apiUserUsage(user.id, "TEST", now);
    expect(test.totals).toEqual({ success: 1, clientError: 0, rateLimited: 0, serverError: 0 });
  });

  it("keeps other users apart and leaves out hours older than 30 days", async () => {
    const a = await apiCaller();
    const b = await apiCaller();
    const now = new Date();
    const old = new Date(now.getTime() - 31 * 24 * HOUR);
    await writeApiCalls([
      {
        event: {
          tenantId: a.tenant.id,
          apiUserId: a.user.id,
          apiTokenId: a.token.id,
          actor: "a",
          action: "x",
          status: 200,
          createdAt: now,
        },
      },
      {
        event: {
          tenantId: a.tenant.id,
          apiUserId: a.user.id,
          apiTokenId: a.token.id,
          actor: "a",
          action: "x",
          status: 200,
          createdAt: old,
        },
      },
      {
        event: {
          tenantId: b.tenant.id,
          apiUserId: b.user.id,
          apiTokenId: b.token.id,
          actor: "b",
          action: "x",
          status: 500,
          createdAt: now,
        },
      },
    ]);
    expect((await apiUserUsage(a.user.id, "LIVE", now)).totals).toEqual({ success: 1, clientError: 0, rateLimited: 0, serverError: 0 });
    expect((await apiUserUsage(b.user.id, "LIVE", now)).totals).toEqual({ success: 0, clientError: 0, rateLimited: 0, serverError: 1 });
  });

  it("loses no count when batches of the same user and hour are written at once", async () => {
    const { tenant, user, token } = await apiCaller();
    const call = (status: number): ApiCallRecord => ({
      event: { tenantId: tenant.id, apiUserId: user.id, apiTokenId: token.id, actor: "a", action: "x", status, createdAt: new Date() },
    });
    // On PostgreSQL these are separate connections racing for the same rollup row.
    await Promise.all(Array.from({ length: 6 }, () => writeApiCalls([call(200), call(429), call(200)])));
    expect((await apiUserUsage(user.id, "LIVE")).totals).toEqual({ success: 12, clientError: 0, rateLimited: 6, serverError: 0 });
  });

  it("rolls back with the events: a failing batch adds nothing", async () => {
    const { tenant, user, token } = await apiCaller();
    const prisma = await db();
    const good: ApiCallRecord = {
      event: { tenantId: tenant.id, apiUserId: user.id, apiTokenId: token.id, actor: "a", action: "x", status: 200, createdAt: new Date() },
    };
    // An event of a tenant that does not exist breaks the createMany, and so the whole transaction.
    const bad: ApiCallRecord = { event: { ...good.event, tenantId: "no-such-tenant" } };
    await expect(writeApiCalls([good, bad])).rejects.toThrow();
    expect(await prisma.apiUsageHourly.count({ where: { apiUserId: user.id } })).toBe(0);
    await writeApiCalls([good]);
    expect((await apiUserUsage(user.id, "LIVE")).totals.success).toBe(1);
  });
});

describe("the rollup's backfill (its migration)", () => {
  it("counts the API calls already in the activity log as the rollup would, the last 31 days", async () => {
    const { tenant, user, token } = await apiCaller();
    const prisma = await db();
    const secret = issueTokenSecret("TEST");
    const testToken = await prisma.apiToken.create({
      data: { tenantId: tenant.id, apiUserId: user.id, tokenHash: secret.tokenHash, hint: secret.hint, environment: "TEST" },
    });
    const hour = new Date(Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR);
    const at = (minutes: number) => new Date(hour.getTime() + minutes * 60_000);
    const event = (status: number | null, createdAt: Date, apiTokenId: string | null = token.id) => ({
      tenantId: tenant.id,
      apiUserId: user.id,
      apiTokenId,
      actor: user.username,
      action: status === null ? "token.revoked" : "services.list",
      status,
      createdAt,
    });
    // Written straight to the log, as before the rollup existed.
    await prisma.activityEvent.createMany({
      data: [
        event(200, at(1)),
        event(304, at(59)),
        event(404, at(2)),
        event(429, at(3)),
        event(503, at(4)),
        event(401, at(5), null),
        event(200, at(6), testToken.id),
        event(null, at(7)),
        event(200, new Date(Date.now() - 40 * 24 * HOUR)),
      ],
    });
    const migration = (await readMigrations(path.join(process.cwd(), "prisma", "migrations"))).find((m) =>
      m.name.endsWith("_api_usage_hourly_and_shipment_keyset"),
    );
    const backfill = migration?.sql.slice(migration.sql.indexOf("-- Backfill"));
    expect(backfill).toContain('INSERT INTO "ApiUsageHourly"');

    const Rollback = class extends Error {};
    let rows: { environment: string; hour: Date; counts: number[] }[] = [];
    // On an empty table, as when the migration runs; rolled back so other tests' rows stay.
    await prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`DELETE FROM "ApiUsageHourly"`);
        await tx.$executeRawUnsafe(backfill ?? "");
        const found = await tx.apiUsageHourly.findMany({
          where: { apiUserId: user.id },
          orderBy: [{ environment: "asc" }, { hour: "asc" }],
        });
        rows = found.map((r) => ({
          environment: r.environment,
          hour: r.hour,
          counts: [r.success, r.clientError, r.rateLimited, r.serverError],
        }));
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(rows).toEqual([
      { environment: "LIVE", hour, counts: [2, 2, 1, 1] },
      { environment: "TEST", hour, counts: [1, 0, 0, 0] },
    ]);
  });
});
