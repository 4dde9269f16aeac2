import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@prisma/client";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/passwords";
import * as apiUsers from "@/lib/api-users/changes";
import { CreateApiUserInput, type Actor } from "@/lib/api-users/rules";
import { CARRIERS, fieldInputName } from "@/lib/carrier-auths/catalog";
import * as changes from "@/lib/carrier-auths/changes";
import { listCarrierAuths } from "@/lib/carrier-auths/queries";
import { carrierAuthKeyIds, checkCarrierAuthKeys, rotateCarrierAuthSecrets } from "@/lib/carrier-auths/rotate";
import { AddCarrierAuthInput, EditCarrierAuthInput, RevealSecretInput } from "@/lib/carrier-auths/rules";
import { resetKeyring, SecretKeyError } from "@/lib/secrets";
import { AppError } from "@/lib/server/errors";
import { resetEnv } from "@/lib/server/env";
import { makeTenant } from "./support/fixtures";

const key = () => randomBytes(32).toString("base64");
const OLD_KEY = key();
/** The key the copied-ciphertext test rotates to (other tests' rows then sit under it). */
const SIDE_KEY = key();
const PASSWORD = "member-password-1";

function useKeys(keys: string, current?: string) {
  vi.stubEnv("SECRET_KEYS", keys);
  vi.stubEnv("SECRET_KEY_CURRENT", current ?? "");
  resetEnv();
  resetKeyring();
}

beforeEach(() => useKeys(`old:${OLD_KEY}`));
// Rotation reads every carrier auth of the database, and the keys of this file are its own:
// each test removes its auths, so none is left under a key that a later run does not have.
const tenants: string[] = [];
afterEach(async () => {
  const prisma = await db();
  await prisma.carrierAuth.deleteMany({ where: { tenantId: { in: tenants.splice(0) } } });

  vi.unstubAllEnvs();
  resetEnv();
  resetKeyring();
});

/** A value no test would produce by chance, to search the database for. */
const marker = (label: string) => `${label}-${randomBytes(6).toString("hex")}`;

async function setup() {
  const tenant = await makeTenant();
  tenants.push(tenant.id);
  const prisma = await db();
  const member = (role: Role) => {
    const m = tenant.members.find((x) => x.role === role);
    if (!m) throw new Error(`no ${role}`);
    return m;
  };
  const admin = member("ADMIN");
  await prisma.member.update({ where: { id: admin.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
  const actor: Actor = { memberId: admin.id, email: admin.email, ip: "198.51.100.7" };
  const scope = { tenantId: tenant.id };
  const created = await apiUsers.createApiUser(
    { tenantId: tenant.id, customerId: null },
    actor,
    CreateApiUserInput.parse({
      scope: "",
      username: `shop-${randomBytes(3).toString("hex")}`,
      password: "pw-123456",
      permissions: ["tracking:read"],
    }),
  );
  return { tenant, actor, scope, apiUserId: created.apiUserId, admin };
}

function form(values: Record<string, string>, fields: Record<string, string>) {
  return { ...values, ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [fieldInputName(name), value])) };
}

const dhl = (apiUserId: string, secret: string, company = "Main account") =>
  AddCarrierAuthInput.parse(
    form(
      { apiUserId, courier: "dhl_express", company, testing: "no" },
      { apiKey: "myapikey", apiSecret: secret, accountNumber: "123456789" },
    ),
  );

async function error(promise: Promise<unknown>): Promise<AppError> {
  const caught = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(caught).toBeInstanceOf(AppError);
  return caught as AppError;
}

describe("carrier auth rules, per carrier (lib/carrier-auths/rules.ts)", () => {
  it("has at least eight carriers, each with a secret field, presets and unique field names", () => {
    expect(CARRIERS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(CARRIERS.map((c) => c.code)).size).toBe(CARRIERS.length);
    for (const carrier of CARRIERS) {
      expect(carrier.fields.some((f) => f.secret)).toBe(true);
      expect(new Set(carrier.fields.map((f) => f.name)).size).toBe(carrier.fields.length);
      expect(carrier.presets.labelFormats.length).toBeGreaterThan(0);
    }
  });

  it.each(CARRIERS.map((c) => [c.name, c] as const))("%s: every required field is required, beside itself", (_name, carrier) => {
    const result = AddCarrierAuthInput.safeParse({ apiUserId: "u", courier: carrier.code, company: "", testing: "no" });
    expect(result.success).toBe(false);
    const paths = new Set(result.error?.issues.map((i) => String(i.path[0])));
    expect(paths.has("company")).toBe(true);
    for (const field of carrier.fields) expect(paths.has(fieldInputName(field.name))).toBe(field.required);
  });

  it("checks formats: DHL account 9 digits, UPS shipper number 6, PostNL customer code, Aramex e-mail", () => {
    const bad = (courier: string, fields: Record<string, string>) => {
      const result = AddCarrierAuthInput.safeParse(form({ apiUserId: "u", courier, company: "A", testing: "yes" }, fields));
      return result.error?.issues.map((i) => `${String(i.path[0])}: ${i.message}`) ?? [];
    };
    expect(bad("dhl_express", { apiKey: "k", apiSecret: "s", accountNumber: "12345" })).toEqual([
      "f_accountNumber: The account number is 9 digits.",
    ]);
    expect(bad("ups", { clientId: "c", clientSecret: "s", shipperNumber: "1234567" })).toEqual([
      "f_shipperNumber: The shipper number is 6 letters or digits.",
    ]);
    expect(bad("postnl", { apiKey: "k", customerCode: "devc", customerNumber: "11223344", collectionLocation: "123456" })).toEqual([
      "f_customerCode: The customer code is 1 to 6 capital letters or digits.",
    ]);
    expect(
      bad("aramex", {
        userName: "not-mail",
        password: "p",
        accountNumber: "20016",
        accountPin: "331421",
        accountEntity: "AMM",
        accountCountryCode: "JO",
      }),
    ).toEqual(["f_userName: The UserName is the e-mail address of your Aramex login."]);
  });

  it("refuses an unknown courier and a missing testing answer", () => {
    const result = AddCarrierAuthInput.safeParse({ apiUserId: "u", courier: "pigeon_post", company: "A" });
    expect(result.error?.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(["courier", "testing"]));
  });

  it("on edit a blank secret is allowed (it keeps the stored value); on add it is required", () => {
    const fields = { apiUserId: "u", authId: "a", courier: "dhl_express", company: "A", testing: "no" };
    const edit = EditCarrierAuthInput.parse(form(fields, { apiKey: "k", apiSecret: "", accountNumber: "123456789" }));
    expect(edit.secrets).toEqual({});
    expect(edit.fields).toEqual({ apiKey: "k", accountNumber: "123456789" });
    expect(AddCarrierAuthInput.safeParse(form(fields, { apiKey: "k", apiSecret: "", accountNumber: "123456789" })).success).toBe(false);
  });
});

describe("carrier auths against the database (lib/carrier-auths)", () => {
  it("adds auths with secrets encrypted, listed masked, and one activity event without the secret", async () => {
    const { scope, actor, apiUserId, tenant } = await setup();
    const secret = marker("dhl-secret-value");
    const { authId } = await changes.addCarrierAuth(scope, actor, dhl(apiUserId, secret));
    await changes.addCarrierAuth(scope, actor, dhl(apiUserId, marker("second"), "Second shop"));

    const list = await listCarrierAuths(scope, apiUserId);
    expect(list?.auths.map((a) => a.company)).toEqual(["Main account", "Second shop"]);
    const first = list?.auths[0];
    expect(first?.fields.find((f) => f.name === "apiSecret")).toMatchObject({
      secret: true,
      value: null,
      hint: secret.slice(-4),
      isSet: true,
    });
    expect(first?.fields.find((f) => f.name === "accountNumber")?.value).toBe("123456789");
    expect(first?.createdBy).toBe("ADMIN");
    expect(JSON.stringify(list)).not.toContain(secret);

    const prisma = await db();
    const row = await prisma.carrierAuth.findUniqueOrThrow({ where: { id: authId } });
    expect(JSON.stringify(row)).not.toContain(secret);
    const events = await prisma.activityEvent.findMany({ where: { tenantId: tenant.id, action: { startsWith: "carrier_auth." } } });
    expect(events.map((e) => e.action)).toEqual(["carrier_auth.add", "carrier_auth.add"]);
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("reveals a secret (sudo mode is the server action's: tests/sudo.test.ts), and logs which field (never the value)", async () => {
    const { scope, actor, apiUserId, tenant } = await setup();
    const secret = marker("reveal-me");
    const { authId } = await changes.addCarrierAuth(scope, actor, dhl(apiUserId, secret));
    const input = RevealSecretInput.parse({ apiUserId, authId, field: "apiSecret" });

    const revealed = await changes.revealCarrierAuthSecret(scope, actor, input);
    expect(revealed).toEqual({ label: "API Secret (password)", value: secret });

    const prisma = await db();
    const events = await prisma.activityEvent.findMany({ where: { tenantId: tenant.id, action: "carrier_auth.reveal" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toMatchObject({ authId, field: "apiSecret", courier: "dhl_express" });
    expect(JSON.stringify(events)).not.toContain(secret);

    // A non-secret field, or one the carrier does not have, reveals nothing.
    expect((await error(changes.revealCarrierAuthSecret(scope, actor, { ...input, field: "accountNumber" }))).status).toBe(404);
  });

  it("edits: a blank secret keeps its value, a typed one replaces it; the courier cannot change", async () => {
    const { scope, actor, apiUserId } = await setup();
    const secret = marker("keep-me");
    const { authId } = await changes.addCarrierAuth(scope, actor, dhl(apiUserId, secret));
    const base = { apiUserId, authId, courier: "dhl_express", company: "Renamed", testing: "yes" };
    await changes.editCarrierAuth(
      scope,
      actor,
      EditCarrierAuthInput.parse(form(base, { apiKey: "newkey", apiSecret: "", accountNumber: "987654321" })),
    );
    const reveal = () => changes.revealCarrierAuthSecret(scope, actor, { apiUserId, authId, field: "apiSecret" });
    expect((await reveal()).value).toBe(secret);
    const list = await listCarrierAuths(scope, apiUserId);
    expect(list?.auths[0]).toMatchObject({ company: "Renamed", testing: true });
    expect(list?.auths[0]?.fields.find((f) => f.name === "apiKey")?.value).toBe("newkey");

    const replaced = marker("replaced");
    await changes.editCarrierAuth(
      scope,
      actor,
      EditCarrierAuthInput.parse(form(base, { apiKey: "newkey", apiSecret: replaced, accountNumber: "987654321" })),
    );
    expect((await reveal()).value).toBe(replaced);

    const other = EditCarrierAuthInput.parse(
      form({ ...base, courier: "ups" }, { clientId: "c", clientSecret: "", shipperNumber: "A1B2C3" }),
    );
    expect((await error(changes.editCarrierAuth(scope, actor, other))).code).toBe("validation_failed");
  });

  it("another tenant's or customer's auth is a 404 and changes nothing", async () => {
    const mine = await setup();
    const theirs = await setup();
    const secret = marker("isolated");
    const { authId } = await changes.addCarrierAuth(mine.scope, mine.actor, dhl(mine.apiUserId, secret));
    const ref = { apiUserId: mine.apiUserId, authId };
    const prisma = await db();
    const before = await prisma.carrierAuth.findUniqueOrThrow({ where: { id: authId } });

    expect((await error(changes.deleteCarrierAuth(theirs.scope, theirs.actor, ref))).status).toBe(404);
    expect((await error(changes.revealCarrierAuthSecret(theirs.scope, theirs.actor, { ...ref, field: "apiSecret" }))).status).toBe(404);
    const edit = EditCarrierAuthInput.parse(
      form({ ...ref, courier: "dhl_express", company: "X", testing: "no" }, { apiKey: "k", apiSecret: "", accountNumber: "123456789" }),
    );
    expect((await error(changes.editCarrierAuth(theirs.scope, theirs.actor, edit))).status).toBe(404);
    expect((await error(changes.addCarrierAuth(theirs.scope, theirs.actor, dhl(mine.apiUserId, "x")))).status).toBe(404);
    expect(await listCarrierAuths(theirs.scope, mine.apiUserId)).toBeNull();
    // The auth's id under another API user of the same tenant is a miss too.
    expect((await error(changes.deleteCarrierAuth(mine.scope, mine.actor, { ...ref, apiUserId: theirs.apiUserId }))).status).toBe(404);
    // On a customer's page, a tenant-wide user's auth is not there.
    const customerId = mine.tenant.customers[0]?.id ?? null;
    expect((await error(changes.deleteCarrierAuth({ ...mine.scope, customerId }, mine.actor, ref))).status).toBe(404);

    expect(await prisma.carrierAuth.findUniqueOrThrow({ where: { id: authId } })).toEqual(before);
    expect(await prisma.activityEvent.count({ where: { tenantId: theirs.tenant.id, action: { startsWith: "carrier_auth." } } })).toBe(0);
  });

  it("a ciphertext copied to another auth does not decrypt there", async () => {
    const { scope, actor, apiUserId } = await setup();
    const a = await changes.addCarrierAuth(scope, actor, dhl(apiUserId, marker("a")));
    const b = await changes.addCarrierAuth(scope, actor, dhl(apiUserId, marker("b")));
    const prisma = await db();
    const source = await prisma.carrierAuth.findUniqueOrThrow({ where: { id: a.authId } });
    await prisma.carrierAuth.update({ where: { id: b.authId }, data: { secrets: source.secrets ?? {} } });
    const refused = await error(changes.revealCarrierAuthSecret(scope, actor, { apiUserId, authId: b.authId, field: "apiSecret" }));
    expect(refused.code).toBe("secret_unreadable");
    // Rotation names it and leaves it; the others move on.
    useKeys(`old:${OLD_KEY},side:${SIDE_KEY}`, "side");
    const rotated = await rotateCarrierAuthSecrets();
    expect(rotated.unreadable).toContain(b.authId);
    // Leave nothing under a key the other tests do not configure.
    await prisma.carrierAuth.deleteMany({ where: { id: { in: [a.authId, b.authId] } } });
  });

  it("deletes an auth (one event), and deleting the API user deletes its auths", async () => {
    const { scope, actor, apiUserId, tenant } = await setup();
    const a = await changes.addCarrierAuth(scope, actor, dhl(apiUserId, marker("a")));
    await changes.addCarrierAuth(scope, actor, dhl(apiUserId, marker("b")));
    await changes.deleteCarrierAuth(scope, actor, { apiUserId, authId: a.authId });
    const prisma = await db();
    expect(await prisma.carrierAuth.count({ where: { apiUserId } })).toBe(1);
    expect(await prisma.activityEvent.count({ where: { tenantId: tenant.id, action: "carrier_auth.delete" } })).toBe(1);

    await apiUsers.deleteApiUser({ tenantId: tenant.id, customerId: null }, actor, { scope: null, apiUserId });
    expect(await prisma.carrierAuth.count({ where: { apiUserId } })).toBe(0);
  });

  it("rotation re-encrypts every secret under the new key; afterwards the old key can go and every auth still reveals", async () => {
    const { scope, actor, apiUserId } = await setup();
    const secrets = [marker("one"), marker("two"), marker("three")];
    const ids = [];
    for (const [i, secret] of secrets.entries())
      ids.push((await changes.addCarrierAuth(scope, actor, dhl(apiUserId, secret, `c${i}`))).authId);
    const prisma = await db();
    const updatedAt = (await prisma.carrierAuth.findMany({ where: { apiUserId }, orderBy: { id: "asc" } })).map((r) => r.updatedAt);

    useKeys(`old:${OLD_KEY},side:${SIDE_KEY},new:${key()}`, "new");
    const newKeys = process.env.SECRET_KEYS ?? "";
    const result = await rotateCarrierAuthSecrets(2);
    expect(result.resealed).toBeGreaterThanOrEqual(3);
    // Run again: nothing left to do.
    expect((await rotateCarrierAuthSecrets(2)).resealed).toBe(0);
    expect(await carrierAuthKeyIds()).toEqual(["new"]);
    // Re-encryption is not an edit.
    expect((await prisma.carrierAuth.findMany({ where: { apiUserId }, orderBy: { id: "asc" } })).map((r) => r.updatedAt)).toEqual(
      updatedAt,
    );

    useKeys(
      newKeys
        .split(",")
        .filter((entry) => entry.startsWith("new:"))
        .join(","),
    );
    await checkCarrierAuthKeys();
    for (const [i, authId] of ids.entries()) {
      const revealed = await changes.revealCarrierAuthSecret(scope, actor, { apiUserId, authId, field: "apiSecret" });
      expect(revealed.value).toBe(secrets[i]);
    }
  });

  it("at start, a stored secret whose key is not configured is a clear error", async () => {
    const { scope, actor, apiUserId } = await setup();
    useKeys(`gone:${key()}`);
    await changes.addCarrierAuth(scope, actor, dhl(apiUserId, marker("x")));
    useKeys(`other:${key()}`);
    await expect(checkCarrierAuthKeys()).rejects.toThrow(SecretKeyError);
    await expect(checkCarrierAuthKeys()).rejects.toThrow(/"gone"/);
    // Leave nothing under an unknown key for the other files of this worker.
    const prisma = await db();
    await prisma.carrierAuth.deleteMany({ where: { apiUserId } });
  });

  it("a dump of every text and json column of every table holds no secret value", async () => {
    const { scope, actor, apiUserId } = await setup();
    const values = [marker("dump-dhl"), marker("dump-ups"), marker("dump-aramex-pw"), "987321"];
    await changes.addCarrierAuth(scope, actor, dhl(apiUserId, values[0] ?? ""));
    await changes.addCarrierAuth(
      scope,
      actor,
      AddCarrierAuthInput.parse(
        form(
          { apiUserId, courier: "ups", company: "UPS", testing: "yes" },
          { clientId: "cid", clientSecret: values[1] ?? "", shipperNumber: "A1B2C3" },
        ),
      ),
    );
    await changes.addCarrierAuth(
      scope,
      actor,
      AddCarrierAuthInput.parse(
        form(
          { apiUserId, courier: "aramex", company: "Aramex", testing: "no" },
          {
            userName: "ops@shop.example",
            password: values[2] ?? "",
            accountNumber: "20016",
            accountPin: values[3] ?? "",
            accountEntity: "AMM",
            accountCountryCode: "JO",
          },
        ),
      ),
    );
    const dump = await dumpDatabase();
    expect(dump).toContain("ops@shop.example"); // the dump does read the carrier auths
    for (const value of values) expect(dump).not.toContain(value);
  });
});

/** Like pg_dump's data: every text, varchar and json(b) column of every table of the public schema. */
async function dumpDatabase(): Promise<string> {
  const prisma = await db();
  const columns = await prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')`;
  const parts: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await prisma.$queryRawUnsafe<{ v: string | null }[]>(`SELECT "${column_name}"::text AS v FROM "${table_name}"`);
    for (const row of rows) if (row.v) parts.push(row.v);
  }
  return parts.join("\n");
}
