import "server-only";
import { z } from "zod";
import { activityData } from "@/lib/activity/events";
import { db } from "@/lib/db";
import { AppError } from "@/lib/server/errors";
import { credentialsChanged } from "./events";
import { signatureValid, type ScannerKeys } from "./scanner-keys";
import { hashToken, parseToken } from "./tokens";

/**
 * Leaked-token reports from a secret scanner, in GitHub's secret-scanning partner protocol:
 * a signed JSON array of `{token, type, url, source}`. Each of our tokens in it is revoked at
 * once, flagged (the Overview shows it until acknowledged) and logged with where it was
 * found; the answer labels each entry `true_positive` (one of ours, live, revoked or expired)
 * or `false_positive`, naming it by the SHA-256 of the reported string (never the token
 * itself), and says nothing about any token it was not sent.
 */

export const MAX_REPORT_ENTRIES = 1_000;

const ReportEntry = z.object({
  token: z.string().min(1).max(1_000),
  type: z.string().max(200).default(""),
  url: z.string().max(2_000).default(""),
  source: z.string().max(200).default(""),
});
const Report = z.array(ReportEntry).min(1).max(MAX_REPORT_ENTRIES);

export interface ReportAnswer {
  token_hash: string;
  token_type: string;
  label: "true_positive" | "false_positive";
}

/**
 * The signature first, on the raw body (401 `invalid_signature` and nothing read or changed
 * when it is missing, unknown or wrong), then the body's shape (400 `malformed_report`).
 */
export async function verifiedReport(
  keys: ScannerKeys,
  body: string,
  keyId: string | null,
  signature: string | null,
): Promise<z.output<typeof Report>> {
  if (!keyId || !signature || keyId.length > 200 || signature.length > 500) throw new AppError("invalid_signature");
  let key;
  try {
    key = await keys.key(keyId);
  } catch (error) {
    console.error("secret scanning: the public keys could not be fetched", error);
    throw new AppError("service_unavailable", "The scanner's public keys cannot be fetched right now. Retry shortly.");
  }
  if (!key || !signatureValid(key, body, signature)) throw new AppError("invalid_signature");
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError("malformed_report", "The body is not JSON.");
  }
  const report = Report.safeParse(parsed);
  if (!report.success) {
    throw new AppError("malformed_report", `Send a JSON array of 1 to ${MAX_REPORT_ENTRIES} objects with a "token" string each.`);
  }
  return report.data;
}

/** Revokes and flags each reported token of ours; the answer, one entry per reported entry, in order. */
export async function processLeakReport(report: z.output<typeof Report>, ip: string | null, now = new Date()): Promise<ReportAnswer[]> {
  const hashes = report.map((entry) => {
    const parsed = parseToken(entry.token);
    return { entry, hash: parsed ? hashToken(parsed.token) : null, reportedHash: hashOf(entry.token) };
  });
  const ours = hashes.flatMap((h) => (h.hash ? [h.hash] : []));
  const prisma = await db();
  const found = ours.length
    ? await prisma.apiToken.findMany({
        where: { tokenHash: { in: [...new Set(ours)] } },
        select: {
          id: true,
          tokenHash: true,
          hint: true,
          environment: true,
          revokedAt: true,
          tenantId: true,
          apiUser: { select: { id: true, username: true, customerId: true } },
        },
      })
    : [];
  const byHash = new Map(found.map((token) => [token.tokenHash, token]));
  const changedUsers = new Set<string>();
  await prisma.$transaction(async (tx) => {
    const seen = new Set<string>();
    for (const { entry, hash } of hashes) {
      const token = hash ? byHash.get(hash) : undefined;
      if (!token || seen.has(token.id)) continue;
      seen.add(token.id);
      // Revoked now unless it already was; flagged again (and shown again) either way.
      const { count: revokedNow } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now } });
      await tx.apiToken.update({
        where: { id: token.id },
        data: { leakedAt: now, leakUrl: entry.url || null, leakSource: entry.source || null, leakAcknowledgedAt: null },
      });
      await tx.activityEvent.create({
        data: activityData({
          tenantId: token.tenantId,
          customerId: token.apiUser.customerId,
          apiUserId: token.apiUser.id,
          apiTokenId: token.id,
          actor: "secret scanning",
          action: "token.leaked",
          ip,
          details: {
            username: token.apiUser.username,
            hint: token.hint,
            environment: token.environment,
            url: entry.url || null,
            source: entry.source || null,
            type: entry.type || null,
            revoked: revokedNow > 0 ? "now" : "already",
          },
        }),
      });
      changedUsers.add(token.apiUser.id);
    }
  });
  for (const userId of changedUsers) await credentialsChanged(userId);
  return hashes.map(({ entry, hash, reportedHash }) => ({
    token_hash: reportedHash,
    token_type: entry.type,
    label: hash && byHash.has(hash) ? "true_positive" : "false_positive",
  }));
}

function hashOf(text: string): string {
  return hashToken(text as Parameters<typeof hashToken>[0]);
}

/** The tenant's (or one user's) leaked tokens not yet acknowledged, newest first: the Overview's banner. */
export async function unacknowledgedLeaks(tenantId: string, limit = 10, apiUserId?: string) {
  const prisma = await db();
  return prisma.apiToken.findMany({
    where: { tenantId, leakedAt: { not: null }, leakAcknowledgedAt: null, ...(apiUserId && { apiUserId }) },
    orderBy: [{ leakedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      hint: true,
      name: true,
      leakedAt: true,
      leakUrl: true,
      leakSource: true,
      apiUser: { select: { id: true, username: true } },
    },
  });
}

/** Staff have seen the warning: the banner goes (the token stays revoked, and flagged in its list). */
export async function acknowledgeLeaks(
  scope: { tenantId: string },
  actor: { email: string; ip: string | null },
  tokenIds: string[],
  now = new Date(),
): Promise<{ acknowledged: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const tokens = await tx.apiToken.findMany({
      where: { id: { in: tokenIds }, tenantId: scope.tenantId, leakedAt: { not: null }, leakAcknowledgedAt: null },
      select: { id: true, hint: true, apiUser: { select: { id: true, username: true, customerId: true } } },
    });
    if (tokens.length === 0) return { acknowledged: 0 };
    await tx.apiToken.updateMany({ where: { id: { in: tokens.map((t) => t.id) } }, data: { leakAcknowledgedAt: now } });
    await tx.activityEvent.createMany({
      data: tokens.map((token) =>
        activityData({
          tenantId: scope.tenantId,
          customerId: token.apiUser.customerId,
          apiUserId: token.apiUser.id,
          apiTokenId: token.id,
          actor: actor.email,
          action: "token.leak_acknowledged",
          ip: actor.ip,
          details: { username: token.apiUser.username, hint: token.hint },
        }),
      ),
    });
    return { acknowledged: tokens.length };
  });
}
