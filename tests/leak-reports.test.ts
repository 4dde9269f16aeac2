import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { acknowledgeLeaks, unacknowledgedLeaks } from "@/lib/credentials/leak-reports";
import { hashToken, issueTokenSecret, type PlainToken } from "@/lib/credentials/tokens";
import { ok } from "@/lib/api/envelope";
import { operations } from "@/lib/api/operations";
import { db } from "@/lib/db";
import { resetEnv } from "@/lib/server/env";
import { apiCaller, apiRequest, envelope, noParams, testPipeline } from "./support/api";

// Leaked-token reports (issue 14) in GitHub's secret-scanning partner protocol, through the
// route handler, with the public keys served by a local HTTP server of this test and the
// reports signed with this test's own private key.

const ours = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const stranger = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const KEY_ID = "test-key-1";
let server: Server;
let keyFetches = 0;
let POST: (request: NextRequest, context: { params: Promise<Record<string, never>> }) => Promise<Response>;

const pipeline = testPipeline();
const me = pipeline.apiRoute(operations.getMe, async () => ok({ fine: true }));

beforeAll(async () => {
  server = createServer((request, response) => {
    keyFetches++;
    response.setHeader("content-type", "application/json");
    response.end(
      JSON.stringify({
        public_keys: [{ key_identifier: KEY_ID, key: ours.publicKey.export({ type: "spki", format: "pem" }), is_current: true }],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  vi.stubEnv("SECRET_SCANNING_KEYS_URL", `http://127.0.0.1:${(server.address() as AddressInfo).port}/meta/public_keys/secret_scanning`);
  resetEnv();
  ({ POST } = await import("@/app/api/v1/secret-scanning/report/route"));
});

afterAll(async () => {
  await pipeline.close();
  await new Promise((resolve) => server.close(resolve));
  vi.unstubAllEnvs();
  resetEnv();
});

function signed(body: string, key: KeyObject = ours.privateKey, keyId = KEY_ID): Record<string, string> {
  return {
    "content-type": "application/json",
    "github-public-key-identifier": keyId,
    "github-public-key-signature": sign("sha256", Buffer.from(body), { key, dsaEncoding: "der" }).toString("base64"),
  };
}

function report(body: string, headers: Record<string, string>) {
  return POST(
    new NextRequest("http://localhost/api/v1/secret-scanning/report", {
      method: "POST",
      body,
      headers: { "x-courier-peer": "192.0.2.99", ...headers },
    }),
    noParams,
  );
}

const entry = (token: string) => ({
  token,
  type: "courier_console_api_token",
  url: "https://github.com/acme/app/blob/main/.env",
  source: "content",
});

async function tokenState(id: string) {
  return (await db()).apiToken.findUniqueOrThrow({
    where: { id },
    select: { revokedAt: true, leakedAt: true, leakUrl: true, leakSource: true },
  });
}

describe("POST /v1/secret-scanning/report", () => {
  it("revokes each reported token of ours at once, flags and logs it, and labels every entry", async () => {
    const leaked = await apiCaller({ environment: "TEST" });
    const bystander = await apiCaller();
    const notOurs = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
    const wellFormedUnknown = issueTokenSecret("LIVE").token as string;
    const call = (caller: typeof leaked) =>
      me(apiRequest("/me", { authorization: `Bearer ${caller.plain}`, "x-tenant": caller.tenant.clientId }), noParams);
    expect((await call(leaked)).status).toBe(200);

    const body = JSON.stringify([entry(leaked.plain), entry(notOurs), entry(wellFormedUnknown)]);
    const response = await report(body, signed(body));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { token_hash: hashToken(leaked.plain as PlainToken), token_type: "courier_console_api_token", label: "true_positive" },
      { token_hash: hashToken(notOurs as PlainToken), token_type: "courier_console_api_token", label: "false_positive" },
      { token_hash: hashToken(wellFormedUnknown as PlainToken), token_type: "courier_console_api_token", label: "false_positive" },
    ]);

    // Refused on its next request; the bystander's token is untouched.
    expect(await envelope(await call(leaked))).toEqual([401, "invalid_token"]);
    expect((await call(bystander)).status).toBe(200);
    expect(await tokenState(leaked.token.id)).toMatchObject({
      revokedAt: expect.any(Date),
      leakedAt: expect.any(Date),
      leakUrl: "https://github.com/acme/app/blob/main/.env",
      leakSource: "content",
    });
    expect(await tokenState(bystander.token.id)).toMatchObject({ revokedAt: null, leakedAt: null });

    const prisma = await db();
    const events = await prisma.activityEvent.findMany({ where: { apiUserId: leaked.user.id, action: "token.leaked" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ apiTokenId: leaked.token.id, actor: "secret scanning", ip: "192.0.2.99" });
    expect(events[0]?.details).toMatchObject({ url: "https://github.com/acme/app/blob/main/.env", source: "content", revoked: "now" });
    expect(JSON.stringify(events)).not.toContain(leaked.plain);

    // Flagged on the Overview until acknowledged.
    const flagged = await unacknowledgedLeaks(leaked.tenant.id);
    expect(flagged.map((t) => t.id)).toEqual([leaked.token.id]);
    expect(await unacknowledgedLeaks(bystander.tenant.id)).toEqual([]);
    // Another tenant cannot acknowledge it.
    expect(await acknowledgeLeaks({ tenantId: bystander.tenant.id }, { email: "x@test.example", ip: null }, [leaked.token.id])).toEqual({
      acknowledged: 0,
    });
    expect(await acknowledgeLeaks({ tenantId: leaked.tenant.id }, { email: "admin@test.example", ip: null }, [leaked.token.id])).toEqual({
      acknowledged: 1,
    });
    expect(await unacknowledgedLeaks(leaked.tenant.id)).toEqual([]);

    // Reported again: still a true positive, already revoked, flagged again.
    const again = await report(body, signed(body));
    expect((await again.json())[0].label).toBe("true_positive");
    const second = await prisma.activityEvent.findMany({
      where: { apiUserId: leaked.user.id, action: "token.leaked" },
      orderBy: { createdAt: "asc" },
    });
    expect(second.at(-1)?.details).toMatchObject({ revoked: "already" });
  });

  it("refuses a missing, unknown-key, forged or tampered signature with 401 and revokes nothing", async () => {
    const victim = await apiCaller();
    const body = JSON.stringify([entry(victim.plain)]);
    const good = signed(body);
    const cases: Record<string, string>[] = [
      { "content-type": "application/json" },
      { ...good, "github-public-key-signature": "" },
      signed(body, stranger.privateKey),
      signed(body, ours.privateKey, "no-such-key"),
      { ...good, "github-public-key-signature": "not base64!" },
    ];
    for (const headers of cases) expect(await envelope(await report(body, headers))).toEqual([401, "invalid_signature"]);
    // Signed for another body.
    const other = JSON.stringify([entry(victim.plain), entry("x")]);
    expect(await envelope(await report(other, good))).toEqual([401, "invalid_signature"]);
    expect(await tokenState(victim.token.id)).toMatchObject({ revokedAt: null, leakedAt: null });
  });

  it("answers a signed but malformed body 400 malformed_report", async () => {
    for (const body of ["not json", "{}", "[]", JSON.stringify([{ type: "x" }]), JSON.stringify([{ token: 5 }])]) {
      expect(await envelope(await report(body, signed(body))), body).toEqual([400, "malformed_report"]);
    }
  });

  it("fetches the keys once and keeps them", async () => {
    const before = keyFetches;
    const body = JSON.stringify([entry("nothing")]);
    for (let i = 0; i < 3; i++) expect((await report(body, signed(body))).status).toBe(200);
    expect(keyFetches - before).toBe(0);
  });
});
