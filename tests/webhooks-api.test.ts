import { describe, expect, it } from "vitest";
import { GET as getOne, PATCH, DELETE } from "@/app/api/v1/webhook-endpoints/[id]/route";
import { POST as rotate } from "@/app/api/v1/webhook-endpoints/[id]/rotate-secret/route";
import { GET as list, POST } from "@/app/api/v1/webhook-endpoints/route";
import { activityQueue } from "@/lib/api/activity-queue";
import { db } from "@/lib/db";
import { webhookTestKeys } from "./support/webhook-keys";
import { apiCaller, apiRequest, noParams } from "./support/api";

// /v1/webhook-endpoints through the app's own route handlers: permission, validation with
// the field, ownership (another user's or tenant's endpoint is 404), the token's environment.

const endpointIds = webhookTestKeys();

type Caller = Awaited<ReturnType<typeof apiCaller>>;
const headers = (c: Caller) => ({ authorization: `Bearer ${c.plain}`, "x-tenant": c.tenant.clientId, "content-type": "application/json" });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function call(response: Promise<Response>) {
  const r = await response;
  const result = {
    status: r.status,
    body: (await r.json()) as {
      ok: boolean;
      data?: Record<string, unknown>;
      error?: { code: string; details?: { fields: Record<string, string[]> } };
    },
  };
  if (typeof result.body.data?.id === "string") endpointIds.add(result.body.data.id);
  return result;
}

const create = (c: Caller, body: unknown) =>
  call(POST(apiRequest("/webhook-endpoints", headers(c), { method: "POST", body: JSON.stringify(body) }), noParams));

describe("/v1/webhook-endpoints", () => {
  it("creates an endpoint with its secret shown once, lists, gets, updates and deletes it, each change an activity event", async () => {
    const c = await apiCaller({ permissions: ["webhooks:manage"] });
    const made = await create(c, {
      url: "http://127.0.0.1:9/hooks?token=customer-own",
      events: ["shipment.created", "shipment.created"],
      description: "ERP",
    });
    expect(made.status).toBe(201);
    const secret = String(made.body.data?.secret);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(made.body.data).toMatchObject({ events: ["shipment.created"], environment: "live", enabled: true, description: "ERP" });
    const id = String(made.body.data?.id);

    const listed = await call(list(apiRequest("/webhook-endpoints", headers(c)), noParams));
    expect(listed.body.data).toEqual([expect.objectContaining({ id, secret_hint: `whsec_…${secret.slice(-4)}` })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect((await call(getOne(apiRequest(`/webhook-endpoints/${id}`, headers(c)), params(id)))).body.data).toMatchObject({ id });

    const patched = await call(
      PATCH(
        apiRequest(`/webhook-endpoints/${id}`, headers(c), {
          method: "PATCH",
          body: JSON.stringify({ enabled: false, events: ["pickup.created"] }),
        }),
        params(id),
      ),
    );
    expect(patched.body.data).toMatchObject({ enabled: false, events: ["pickup.created"] });
    const gone = await call(DELETE(apiRequest(`/webhook-endpoints/${id}`, headers(c), { method: "DELETE" }), params(id)));
    expect(gone.body.data).toEqual({ id, deleted: true });
    expect((await call(getOne(apiRequest(`/webhook-endpoints/${id}`, headers(c)), params(id)))).status).toBe(404);

    await activityQueue().flush();
    const prisma = await db();
    const events = await prisma.activityEvent.findMany({
      where: { tenantId: c.tenant.id, action: { startsWith: "webhook." } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["webhook.create", "webhook.disable", "webhook.delete"]);
    const all = JSON.stringify(await prisma.activityEvent.findMany({ where: { tenantId: c.tenant.id } }));
    expect(all).not.toContain(secret.slice(6));
    // The URL's query string may carry the customer's own token: the activity keeps the origin only.
    expect(all).not.toContain("customer-own");
  });

  it("answers 422 with the field for a malformed URL, an unknown event, an empty list; 403 without the permission", async () => {
    const c = await apiCaller({ permissions: ["webhooks:manage"] });
    const cases: [unknown, string][] = [
      [{ url: "not a url", events: ["shipment.created"] }, "url"],
      [{ url: "ftp://example.com/x", events: ["shipment.created"] }, "url"],
      [{ url: "https://user:pw@example.com/x", events: ["shipment.created"] }, "url"],
      [{ url: "https://example.com/x", events: ["shipment.exploded"] }, "events.0"],
      [{ url: "https://example.com/x", events: [] }, "events"],
      [{ url: "https://example.com/x" }, "events"],
    ];
    for (const [body, field] of cases) {
      const r = await create(c, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(r.body.error?.details?.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    const none = await call(list(apiRequest("/webhook-endpoints", headers(c)), noParams));
    expect(none.body.data).toEqual([]);
    const reader = await apiCaller({ permissions: ["shipments:read"] });
    expect((await create(reader, { url: "https://example.com/x", events: ["shipment.created"] })).status).toBe(403);
  });

  it("answers 404 for another API user's, another tenant's and another environment's endpoint, changing nothing", async () => {
    const owner = await apiCaller({ permissions: ["webhooks:manage"] });
    const made = await create(owner, { url: "http://127.0.0.1:9/hooks", events: ["shipment.created"] });
    const id = String(made.body.data?.id);
    const prisma = await db();
    // A second user of the same tenant.
    const sibling = await apiCaller({ permissions: ["webhooks:manage"] });
    await prisma.apiUser.update({ where: { id: sibling.user.id }, data: { tenantId: owner.tenant.id } });
    await prisma.apiToken.update({ where: { id: sibling.token.id }, data: { tenantId: owner.tenant.id } });
    const siblingHeaders = { ...headers(sibling), "x-tenant": owner.tenant.clientId };
    const stored = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    const stranger = await apiCaller({ permissions: ["webhooks:manage"] });
    const testToken = await apiCaller({ permissions: ["webhooks:manage"], environment: "TEST" });
    await prisma.apiToken.update({ where: { id: testToken.token.id }, data: { apiUserId: owner.user.id, tenantId: owner.tenant.id } });
    const testHeaders = { ...headers(testToken), "x-tenant": owner.tenant.clientId };
    for (const h of [siblingHeaders, headers(stranger), testHeaders]) {
      expect((await call(getOne(apiRequest(`/webhook-endpoints/${id}`, h), params(id)))).status).toBe(404);
      const patch = PATCH(
        apiRequest(`/webhook-endpoints/${id}`, h, { method: "PATCH", body: JSON.stringify({ enabled: false }) }),
        params(id),
      );
      expect((await call(patch)).status).toBe(404);
      expect((await call(DELETE(apiRequest(`/webhook-endpoints/${id}`, h, { method: "DELETE" }), params(id)))).status).toBe(404);
      expect((await call(rotateSecret(h, id, { overlap: "0" }))).status).toBe(404);
      expect((await call(list(apiRequest("/webhook-endpoints", h), noParams))).body.data).toEqual([]);
    }
    expect(await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id } })).toEqual(stored);
  });

  it("rotates the signing secret: the new one answered once, the old one signing beside it for the overlap", async () => {
    const c = await apiCaller({ permissions: ["webhooks:manage"] });
    const made = await create(c, { url: "http://127.0.0.1:9/hooks", events: ["shipment.created"] });
    const id = String(made.body.data?.id);
    const old = String(made.body.data?.secret);

    const bad = await call(rotateSecret(headers(c), id, { overlap: "2d" }));
    expect([bad.status, Object.keys(bad.body.error?.details?.fields ?? {})]).toEqual([422, ["overlap"]]);
    const before = Date.now();
    const rotated = await call(rotateSecret(headers(c), id, {}));
    expect(rotated.status).toBe(200);
    const secret = String(rotated.body.data?.secret);
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(old);
    expect(rotated.body.data?.secret_hint).toBe(`whsec_…${secret.slice(-4)}`);
    // The default overlap: 24 hours.
    const until = Date.parse(String(rotated.body.data?.previous_secret_until));
    expect(until - before).toBeGreaterThanOrEqual(86_400_000 - 1000);
    expect(until - before).toBeLessThanOrEqual(86_400_000 + 60_000);

    const now = await call(rotateSecret(headers(c), id, { overlap: "0" }));
    expect(now.body.data?.previous_secret_until).toBeNull();
    const fetched = await call(getOne(apiRequest(`/webhook-endpoints/${id}`, headers(c)), params(id)));
    expect(JSON.stringify(fetched.body)).not.toContain(String(now.body.data?.secret).slice(6));

    await activityQueue().flush();
    const prisma = await db();
    const events = await prisma.activityEvent.findMany({ where: { tenantId: c.tenant.id, action: { contains: "rotate" } } });
    expect(events.map((e) => e.action).sort()).toEqual([
      "webhook.rotate_secret",
      "webhook.rotate_secret",
      "webhooks.rotate_secret",
      "webhooks.rotate_secret",
      "webhooks.rotate_secret",
    ]);
    const all = JSON.stringify(await prisma.activityEvent.findMany({ where: { tenantId: c.tenant.id } }));
    for (const s of [old, secret, String(now.body.data?.secret)]) expect(all).not.toContain(s.slice(6));
  });
});

function rotateSecret(h: Record<string, string>, id: string, body: unknown) {
  return rotate(apiRequest(`/webhook-endpoints/${id}/rotate-secret`, h, { method: "POST", body: JSON.stringify(body) }), params(id));
}
