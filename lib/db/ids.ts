import { randomBytes } from "node:crypto";

// Prisma makes `@default(cuid())` ids in the client, so rows written through the driver need
// ids of the same shape: "c", time, a counter, this process, randomness (25 characters, base
// 36). Ids of one process sort by creation, as Prisma's cuids do (the activity log's keyset
// breaks ties of one millisecond by id).
const PROCESS = randomBytes(4).readUInt32BE(0).toString(36).padStart(4, "0").slice(-4);
let counter = 0;

export function newId(now = Date.now()): string {
  counter = (counter + 1) % 36 ** 4;
  const random = randomBytes(6).readUIntBE(0, 6).toString(36).padStart(8, "0").slice(-8);
  return `c${now.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${PROCESS}${random}`;
}
