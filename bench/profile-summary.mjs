// The top of a .cpuprofile (bench/profile.ts): self time by category (PGlite, Prisma, node-pg,
// Next.js, the app bundle, Node core) and by function, and where WebAssembly is entered from.
import { readFileSync } from "node:fs";
const p = JSON.parse(readFileSync(process.argv[2], "utf8"));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas;
let total = 0;
for (let i = 0; i < p.samples.length; i++) {
  const d = dt[i] ?? 0;
  total += d;
  self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + d);
}
const cat = (url, name) => {
  if (!url)
    return name === "(idle)" ? "idle" : name === "(garbage collector)" ? "GC" : name === "(program)" ? "program(native)" : "native/builtin";
  if (/pglite/.test(url)) return "PGlite";
  if (/prisma|query_compiler|query-engine/i.test(url)) return "Prisma";
  if (/node_modules\/pg|pg-protocol|pg-pool/.test(url)) return "node-pg";
  if (/\.next-bench\/server\/chunks|next-bench\/server\/app/.test(url)) return "app bundle (our code + bundled libs)";
  if (/next\//.test(url)) return "Next.js";
  if (/^node:/.test(url)) return "Node core";
  return "other: " + url.split("/").slice(-2).join("/");
};
const parentOf = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
// WebAssembly frames have no package in their URL: they belong to the nearest JavaScript caller's.
const owner = (n) => {
  let at = n;
  while (at && (/wasm/.test(at.callFrame.url) || !at.callFrame.url)) at = parentOf.get(at.id);
  return at ? `${cat(at.callFrame.url, at.callFrame.functionName)} (WebAssembly)` : "WebAssembly";
};
const cats = new Map(),
  fns = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const c = /wasm/.test(n.callFrame.url) ? owner(n) : cat(n.callFrame.url, n.callFrame.functionName);
  cats.set(c, (cats.get(c) ?? 0) + t);
  const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-1)[0]}:${n.callFrame.lineNumber}`;
  fns.set(k, (fns.get(k) ?? 0) + t);
}
const busy = total - (cats.get("idle") ?? 0);
console.log(`total ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s`);
for (const [c, t] of [...cats].sort((a, b) => b[1] - a[1]).slice(0, 10))
  console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)} %  ${c}`);
console.log("top functions (self):");
for (const [f, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)} %  ${f}`);
const parents = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parents.set(c, n);
const wasmCallers = new Map();
for (const n of p.nodes) {
  if (!/wasm/.test(n.callFrame.url)) continue;
  const par = parents.get(n.id);
  if (par && !/wasm/.test(par.callFrame.url)) {
    const k =
      n.callFrame.url.split("/").slice(-1)[0] +
      " <- " +
      (par.callFrame.url.split("node_modules/").slice(-1)[0] || par.callFrame.functionName);
    wasmCallers.set(k, (wasmCallers.get(k) ?? 0) + 1);
  }
}
console.log("wasm entered from:");
for (const [k, v] of [...wasmCallers].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log("  ", v, k);
