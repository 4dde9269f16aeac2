import { afterAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { db } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { onShutdown, runShutdownHooks } from "@/lib/server/shutdown";
import { apiCaller, apiRequest, envelope, noParams, testPipeline } from "./support/api";

// What the API does when things go wrong around a request rather than in it: the client
// hangs up mid-handler, the database is unreachable, the activity backlog is full, the
// process is told to stop while handlers run. The real outage is tests/db-outage.test.ts.

const pipeline = testPipeline();
afterAll(() => pipeline.close());

/** A handler that waits until the test lets it go, then reads the database and answers 200. */
function gatedRoute(outcome: "answer" | "throw" = "answer") {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const route = pipeline.apiRoute(operations.getMe, async ({ ctx }) => {
    started();
    await gate;
    // What a body read or a fetch does once the request's signal aborted.
    if (outcome === "throw") throw new DOMException("This operation was aborted", "AbortError");
    await (await db()).apiUser.findUniqueOrThrow({ where: { id: ctx.apiUser.id } });
    return ok({ done: true });
  });
  return { route, release, running };
}

describe("a client that hangs up mid-handler", () => {
  for (const outcome of ["answer", "throw"] as const) {
    it(`is recorded as 499, not a 500 and not logged as an error (the handler ${outcome}s)`, async () => {
      const error = vi.spyOn(console, "error");
      const { plain, tenant } = await apiCaller();
      const { route, release, running } = gatedRoute(outcome);
      const abort = new AbortController();
      const request = new NextRequest("http://localhost/api/v1/me", {
        headers: { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId, "x-courier-peer": "203.0.113.7" },
        signal: abort.signal,
      });
      const answered = route(request, noParams);
      await running;
      abort.abort();
      release();
      const response = await answered;
      if (outcome === "throw") expect(await envelope(response)).toEqual([499, "client_closed_request"]);
      await pipeline.queue.flush();
      const events = await (await db()).activityEvent.findMany({ where: { tenantId: tenant.id } });
      expect(events.map((e) => [e.action, e.status])).toEqual([["me.read", 499]]);
      expect(error).not.toHaveBeenCalled();
      error.mockRestore();
    });
  }
});

describe("shutdown", () => {
  it("runs the hooks (the final flush) only after every handler in flight has finished", async () => {
    const { plain, tenant } = await apiCaller();
    const { route, release, running } = gatedRoute();
    const order: string[] = [];
    const answered = route(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams).then((r) => {
      order.push(`handler ${r.status}`);
    });
    await running;
    onShutdown(async () => {
      order.push("hook");
      await pipeline.queue.flush();
    });
    const stopped = runShutdownHooks(Date.now() + 10_000);
    setTimeout(release, 50);
    await Promise.all([stopped, answered]);
    expect(order).toEqual(["handler 200", "hook"]);
    // The flush came after the handler: its event is written.
    expect(await (await db()).activityEvent.count({ where: { tenantId: tenant.id, status: 200 } })).toBe(1);
  });
});

describe("database unavailable", () => {
  it("is told from other errors, whichever driver and wrapper it comes through", () => {
    const socket = (code: string) => Object.assign(new Error(`connect ${code}`), { code, errno: -1, syscall: "connect" });
    const unavailable: unknown[] = [
      socket("ECONNREFUSED"),
      socket("ECONNRESET"),
      new Error("Connection terminated unexpectedly"),
      new Error("Connection terminated due to connection timeout"),
      new Error("timeout exceeded when trying to connect"),
      new Error("Cannot use a pool after calling end on the pool"),
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01", severity: "FATAL" }),
      Object.assign(new Error("the database system is starting up"), { code: "57P03", severity: "FATAL" }),
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" }),
      Object.assign(new Error("Server has closed the connection."), { code: "P1017" }),
      // Prisma's wrapper around the adapter's error, and a raw DriverAdapterError.
      Object.assign(new Error("x"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } }),
      Object.assign(new Error("x"), { cause: { kind: "ConnectionClosed" } }),
      Object.assign(new Error("x"), { cause: { originalCode: "08006" } }),
      new Error("outer", { cause: socket("ETIMEDOUT") }),
      new Error("PGlite is closed"),
      Object.assign(
        new Error("Transaction API error: Transaction already closed: A rollback cannot be executed on a committed transaction."),
        {
          code: "P2028",
        },
      ),
    ];
    const other: unknown[] = [
      new Error("boom"),
      Object.assign(new Error("unique"), { code: "P2002" }),
      Object.assign(new Error("x"), { cause: { originalCode: "23505" } }),
      Object.assign(new Error("syntax"), { code: "42601", severity: "ERROR" }),
      Object.assign(new Error("Transaction API error: Transaction already closed: the timeout for this transaction was 5000 ms."), {
        code: "P2010",
      }),
      "a string",
      null,
    ];
    for (const error of unavailable) expect(isDatabaseUnavailable(error), String(error)).toBe(true);
    for (const error of other) expect(isDatabaseUnavailable(error), String(error)).toBe(false);
  });

  it("answers 503 service_unavailable with Retry-After, logs no stack, and still records the call", async () => {
    const error = vi.spyOn(console, "error");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { plain, tenant } = await apiCaller();
    const route = pipeline.apiRoute(operations.getMe, async () => {
      throw Object.assign(new Error("Connection terminated unexpectedly"));
    });
    const response = await route(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    expect(await envelope(response)).toEqual([503, "service_unavailable"]);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(error).not.toHaveBeenCalled();
    await pipeline.queue.flush();
    expect(await (await db()).activityEvent.count({ where: { tenantId: tenant.id, status: 503 } })).toBe(1);
    error.mockRestore();
    warn.mockRestore();
  });

  it("refuses new calls with 503 while the activity backlog is full, and records nothing for them", async () => {
    const { plain, tenant } = await apiCaller();
    const full = { push: vi.fn(), full: true };
    const { apiRoute } = (await import("@/lib/api/route")).createPipeline({ tokens: pipeline.tokens, limiter: fullLimiter(), queue: full });
    const route = apiRoute(operations.getMe, async () => ok({}));
    const response = await route(apiRequest("/me", { authorization: `Bearer ${plain}`, "x-tenant": tenant.clientId }), noParams);
    expect(await envelope(response)).toEqual([503, "service_unavailable"]);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(full.push).not.toHaveBeenCalled();
    expect(await (await db()).activityEvent.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});

function fullLimiter() {
  const never = async () => {
    throw new Error("the limiter is not reached when the backlog is full");
  };
  return { hit: never, peek: never };
}
