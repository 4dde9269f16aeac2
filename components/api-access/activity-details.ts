import { PERMISSIONS } from "@/lib/credentials/permissions";

/**
 * An activity event's details as lines a person reads: a change as before → after (a
 * permission change as what was added and removed), the rest as label: value. The stored
 * JSON stays as it is (the CSV export and programs read it); this is only how it is shown.
 */
export type DetailLine =
  | { kind: "fact"; label: string; value: string }
  | { kind: "change"; label: string; before: string; after: string }
  | { kind: "permissions"; label: string; added: string[]; removed: string[] };

const PERMISSION_LABELS: ReadonlyMap<string, string> = new Map(PERMISSIONS.map((p) => [p.key, p.label]));

/** "shipments:create" → "Create shipments"; an unknown key (an old event) stays as it is. */
export function permissionLabel(key: string): string {
  return PERMISSION_LABELS.get(key) ?? key;
}

/** Each action as a phrase; its key stays beside it (the log filters by key prefix). */
const ACTION_LABELS: Record<string, string> = {
  "api_user.create": "API user created",
  "api_user.activate": "API user activated",
  "api_user.deactivate": "API user deactivated",
  "api_user.delete": "API user deleted",
  "token.issue": "Token issued",
  "token.rotate": "Token rotated",
  "token.revoke": "Token revoked",
  "token.disable": "Token disabled",
  "token.enable": "Token enabled",
  "token.rename": "Token renamed",
  "permissions.update": "Permissions changed",
  "rate_limit.update": "Rate limit changed",
  "carrier_auth.add": "Carrier auth added",
  "carrier_auth.edit": "Carrier auth edited",
  "carrier_auth.delete": "Carrier auth deleted",
  "carrier_auth.reveal": "Carrier secret revealed",
  "service.activate": "Service activated",
  "service.deactivate": "Service deactivated",
  "rate_table.price_update": "Price changed",
  "customer.rate_table_link": "Rate table linked",
  "auth.login": "API sign-in, token issued",
  "auth.login_failed": "API sign-in refused",
  "auth.token_revoked": "Token revoked through the API",
};

/** "token.revoke" → "Token revoked"; an action without a phrase (an API call) has none. */
export function actionLabel(action: string): string | null {
  return ACTION_LABELS[action] ?? null;
}

/** Where each action keeps the new value when it is not called `after`. */
const AFTER_KEY: Record<string, string> = {
  "permissions.update": "permissions",
  "rate_limit.update": "rateLimit",
  "token.rename": "name",
};

/** What the before → after is about. */
const CHANGE_LABEL: Record<string, string> = {
  "permissions.update": "Permissions",
  "rate_limit.update": "Rate limit",
  "token.rename": "Name",
  "service.activate": "Status",
  "service.deactivate": "Status",
  "rate_table.price_update": "Price",
  "customer.rate_table_link": "Rate table",
};

// Shown elsewhere in the row (the username has its own column) or meant for programs (ids, cents).
const HIDDEN = new Set(["username", "authId", "beforeCents", "afterCents", "beforeRateTableId", "afterRateTableId"]);

const LABELS: Record<string, string> = {
  hint: "Token",
  token_hint: "Token",
  oldHint: "Old token",
  overlap: "Old token stops",
  all: "All tokens",
  count: "Tokens revoked",
  revokedTokens: "Tokens revoked",
  refusedTokens: "Tokens refused",
  secretFields: "Secret fields set",
  secretsReplaced: "Secrets replaced",
  maxGrams: "Band up to (g)",
  rateTable: "Rate table",
  email: "E-mail",
};

/** camelCase or snake_case key → "Sentence case" label. */
function labelOf(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => permissionLabel(String(v))).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function strings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : null;
}

export function detailLines(action: string, details: unknown): DetailLine[] {
  if (details === null || details === undefined) return [];
  if (typeof details !== "object" || Array.isArray(details)) return [{ kind: "fact", label: "Details", value: text(details) }];
  const entries = details as Record<string, unknown>;
  const lines: DetailLine[] = [];
  const afterKey = "before" in entries ? (AFTER_KEY[action] ?? "after") : null;
  if (afterKey) {
    const label = CHANGE_LABEL[action] ?? "Change";
    const before = strings(entries.before);
    const after = strings(entries[afterKey]);
    if (before && after) {
      lines.push({
        kind: "permissions",
        label,
        added: after.filter((p) => !before.includes(p)).map(permissionLabel),
        removed: before.filter((p) => !after.includes(p)).map(permissionLabel),
      });
    } else {
      lines.push({ kind: "change", label, before: text(entries.before), after: text(entries[afterKey]) });
    }
  }
  for (const [key, value] of Object.entries(entries)) {
    if (HIDDEN.has(key) || key === "before" || key === afterKey) continue;
    if (value === null || value === undefined) continue;
    lines.push({ kind: "fact", label: labelOf(key), value: text(value) });
  }
  return lines;
}
