// The cross-instance invalidation delay: two servers on one PostgreSQL database, each with
// its token cache on (the default). For each of BENCH_CHANGES tokens: B serves it (and so
// caches it), A revokes it (DELETE /v1/auth/token, which announces the change), and B is
// asked again until it refuses; the delay runs from A's answer to B's first refusal.
import { apiLogin, startServer, stopServer, type Env } from "./server";

const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
// Only against a change that never arrives: the run reports it instead of hanging.
const GIVE_UP_MS = 10_000;

export async function measureInvalidation(env: Env, clientId: string, port: number, user: { username: string; password: string }) {
  const a = await startServer(env, port, "/api/v1/health/live");
  const b = await startServer(env, port + 2, "/api/v1/health/live");
  const delays: number[] = [];
  const roundTrips: number[] = [];
  let missed = 0;
  try {
    for (let i = 0; i < CHANGES; i++) {
      const token = await apiLogin(port, clientId, { ...user, name: `invalidation ${i}` });
      const headers = { Authorization: `Bearer ${token}`, "X-Tenant": clientId };
      const onB = () => fetch(`http://127.0.0.1:${port + 2}/v1/me`, { headers }).then(async (r) => (await r.arrayBuffer(), r.status));
      if ((await onB()) !== 200) throw new Error("instance B refused a fresh token");
      const probe = performance.now();
      if ((await onB()) !== 200) throw new Error("instance B refused a fresh token");
      roundTrips.push(performance.now() - probe);
      const revoked = await fetch(`http://127.0.0.1:${port}/v1/auth/token`, { method: "DELETE", headers });
      if (revoked.status !== 200) throw new Error(`DELETE /v1/auth/token answered ${revoked.status}`);
      const at = performance.now();
      let status = await onB();
      while (status === 200 && performance.now() - at < GIVE_UP_MS) status = await onB();
      if (status === 200) missed++;
      delays.push(performance.now() - at);
    }
  } finally {
    await Promise.all([stopServer(a), stopServer(b)]);
  }
  const sorted = [...delays].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  const trip = [...roundTrips].sort((x, y) => x - y)[Math.floor(roundTrips.length / 2)]!.toFixed(1);
  return `${CHANGES} revocations on instance A, each timed from A's answer until B's first refusal arrived: median ${at(0.5)} ms, p95 ${at(0.95)} ms, worst ${sorted.at(-1)!.toFixed(1)} ms${missed ? `; ${missed} NOT REFUSED within ${GIVE_UP_MS} ms` : ""}. An upper bound: it includes at least one request to B, whose median round trip (a cached token) was ${trip} ms.`;
}
