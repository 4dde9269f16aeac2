// npm run bench:profile -- pglite|postgres /v1/me /v1/services "POST /v1/shipments": a CPU profile of the
// production server under load. Runs `node --cpu-prof server.mjs` on the database the last
// `npm run bench` left (./data/bench-pglite, or BENCH_DATABASE_URL), BENCH_PROFILE_SECONDS (15)
// of autocannon on each path in turn, then SIGTERM, which writes the .cpuprofile into
// BENCH_PROFILE_DIR (/tmp/prof): open it in Chrome DevTools, or summarise it with
// `node bench/profile-summary.mjs FILE`.
import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { apiLogin, SHIPMENT, withSql, type Env } from "./server";
import { BENCH_DIST } from "./build";

const [kind = "pglite", ...paths] = process.argv.slice(2);
const PORT = Number(process.env.BENCH_PORT ?? 3313);
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 15);
const dir = process.env.BENCH_PROFILE_DIR ?? "/tmp/prof";
const env: Env =
  kind === "pglite" ? { PGLITE_DIR: "./data/bench-pglite", DATABASE_URL: "" } : { DATABASE_URL: process.env.BENCH_DATABASE_URL };
const clientId = await withSql(env, async (q) =>
  String(
    (await q(`SELECT n."clientId" FROM "Tenant" n JOIN "ApiUser" u ON u."tenantId" = n.id WHERE u.username = 'e2e-tenant'`))[0]!.clientId,
  ),
);
const server = spawn("node", ["--cpu-prof", `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${kind}-${process.pid}.cpuprofile`, "server.mjs"], {
  env: { ...process.env, ...env, NODE_ENV: "production", NEXT_DIST_DIR: BENCH_DIST, PORT: String(PORT), HOST: "127.0.0.1" },
  stdio: ["ignore", "ignore", "inherit"],
});
for (let i = 0; i < 600; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${PORT}/api/v1/health/live`)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 100));
}
const token = await apiLogin(PORT, clientId, { username: "e2e-tenant", password: "e2e-password", name: "profile" });
const headers = { Authorization: `Bearer ${token}`, "X-Tenant": clientId };
for (const path of paths.length ? paths : ["/v1/me"]) {
  // "POST /v1/shipments" books the bench's shipment (bench/server.ts) over and over.
  const post = path === "POST /v1/shipments";
  const r = await autocannon({
    url: `http://127.0.0.1:${PORT}${post ? "/v1/shipments" : path}`,
    ...(post && { method: "POST" as const, body: SHIPMENT }),
    headers: post ? { ...headers, "content-type": "application/json" } : headers,
    connections: 20,
    duration: SECONDS,
  });
  console.log(`${kind} ${path}: ${r.requests.average} req/s, p99 ${r.latency.p99} ms, non2xx ${r.non2xx}`);
}
await new Promise<void>((resolve) => {
  server.once("exit", () => resolve());
  server.kill("SIGTERM");
});
