import { connection } from "next/server";
import { NotFoundCard } from "@/components/not-found-card";

export default async function NotFound() {
  // Rendered per request, never prerendered: a static page has no nonce, and the CSP
  // (proxy.ts) would block its inline scripts.
  await connection();
  return <NotFoundCard />;
}
