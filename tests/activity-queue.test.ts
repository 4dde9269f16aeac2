import { describe, expect, it, vi } from "vitest";
import { ActivityQueue, activityQueue, writeApiCalls, type ApiCallRecord } from "@/lib/api/activity-queue";
import { db } from "@/lib/db";
import { runShutdownHooks } from "@/lib/server/shutdown";
import { apiCaller } from "./support/api";

const record = (action: string, tenantId = "t"): ApiCallRecord => ({ event: { tenantId, actor: "a", action, createdAt: new Date() } });

describe("activity queue", () => {
  it("flushes about every 250 ms in one batch", async () => {
    // The queue's own timer on a fake clock: no waiting, and no flake on a busy machine.
    vi.useFakeTimers();
    try {
      const write = vi.fn(async (_records: ApiCallRecord[]) => {});
      const queue = new ActivityQueue(write);
      queue.push(record("a"));
      queue.push(record("b"));
      expect(write).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(249);
      expect(write).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(write).toHaveBeenCalledTimes(1);
      expect(write.mock.calls[0]![0].map((r) => r.event.action)).toEqual(["a", "b"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("flushes at once when 200 records are waiting", async () => {
    const write = vi.fn(async (_records: ApiCallRecord[]) => {});
    const queue = new ActivityQueue(write);
    for (let i = 0; i < 200; i++) queue.push(record(`r${i}`));
    await queue.flush();
    expect(write.mock.calls[0]![0]).toHaveLength(200);
  });

  it("keeps what failed for the next flush and drops only a record that keeps failing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    let down = true;
    const written: string[] = [];
    const queue = new ActivityQueue(async (records) => {
      if (down || records.some((r) => r.event.action === "poison")) throw new Error("database unavailable");
      written.push(...records.map((r) => r.event.action));
    });
    queue.push(record("a"));
    queue.push(record("poison"));
    await queue.flush();
    expect(queue.size).toBe(2);
    down = false;
    for (let i = 0; i < 5; i++) await queue.flush();
    expect(written).toEqual(["a"]);
    expect(queue.size).toBe(0);
    log.mockRestore();
  });

  it("holds everything through a 90-second database outage, retrying at least every second, and writes it in order after", async () => {
    vi.useFakeTimers();
    const log = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      let down = true;
      let attempts = 0;
      const written: string[] = [];
      const queue = new ActivityQueue(async (records) => {
        attempts++;
        // What node-pg throws when PostgreSQL refuses the connection.
        if (down)
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED", errno: -111, syscall: "connect" });
        written.push(...records.map((r) => r.event.action));
      });
      for (let second = 0; second < 90; second++) {
        queue.push(record(`call.${second}`));
        await vi.advanceTimersByTimeAsync(1_000);
      }
      expect(written).toEqual([]);
      expect(queue.size).toBe(90);
      // Backing off, but never more than a second apart: about one try a second, not one per call.
      expect(attempts).toBeGreaterThanOrEqual(85);
      expect(attempts).toBeLessThanOrEqual(95);
      down = false;
      await vi.advanceTimersByTimeAsync(1_000);
      expect(written).toEqual(Array.from({ length: 90 }, (_, i) => `call.${i}`));
      expect(queue.size).toBe(0);
    } finally {
      vi.useRealTimers();
      log.mockRestore();
    }
  });

  it("is full at its bound, and past the headroom drops the oldest (logged)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    let down = true;
    const queue = new ActivityQueue(
      async () => {
        if (down) throw new Error("Connection terminated unexpectedly");
      },
      { max: 1000 },
    );
    for (let i = 0; i < 999; i++) queue.push(record(`r${i}`));
    expect(queue.full).toBe(false);
    queue.push(record("r999"));
    expect(queue.full).toBe(true);
    for (let i = 1000; i < 1150; i++) queue.push(record(`r${i}`));
    expect(queue.size).toBe(1100);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("records dropped"));
    down = false;
    await queue.drain();
    expect(queue.full).toBe(false);
    warn.mockRestore();
    error.mockRestore();
  });

  it("drains until its deadline on shutdown, and says what it could not write", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let down = true;
    const queue = new ActivityQueue(async () => {
      if (down) throw Object.assign(new Error("x"), { code: "P1001" });
    });
    queue.push(record("a"));
    setTimeout(() => (down = false), 300);
    await queue.drain(Date.now() + 5_000);
    expect(queue.size).toBe(0);
    down = true;
    queue.push(record("b"));
    await queue.drain(Date.now() + 100);
    expect(queue.size).toBe(1);
    expect(error).toHaveBeenCalledWith("activity: 1 records could not be written before exit");
    error.mockRestore();
    warn.mockRestore();
  });

  it("writes events and the latest use of each token", async () => {
    const { tenant, token, user } = await apiCaller();
    const early = new Date(Date.now() - 5000);
    const late = new Date();
    await writeApiCalls([
      {
        event: { tenantId: tenant.id, apiUserId: user.id, apiTokenId: token.id, actor: user.username, action: "x.read", createdAt: late },
        tokenUse: { tokenId: token.id, at: late, ip: "198.51.100.2" },
      },
      {
        event: { tenantId: tenant.id, apiUserId: user.id, apiTokenId: token.id, actor: user.username, action: "x.read", createdAt: early },
        tokenUse: { tokenId: token.id, at: early, ip: "198.51.100.1" },
      },
    ]);
    const prisma = await db();
    expect(await prisma.activityEvent.count({ where: { tenantId: tenant.id } })).toBe(2);
    expect(await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({
      lastUsedAt: late,
      lastUsedIp: "198.51.100.2",
    });
  });

  it("is flushed by the shutdown hooks that server.mjs runs on SIGTERM", async () => {
    const { tenant } = await apiCaller();
    const queue = activityQueue();
    for (let i = 0; i < 20; i++) queue.push(record(`shutdown.${i}`, tenant.id));
    // What server.mjs does after the last request in flight:
    await runShutdownHooks();
    expect(await (await db()).activityEvent.count({ where: { tenantId: tenant.id } })).toBe(20);
  });
});
