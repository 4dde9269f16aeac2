import type { Money } from "./schemas";

/** Integer cents as the API's money object: {"amount": "12.50", "amount_cents": 1250, "currency": "EUR"}. */
export function money(cents: number, currency: string): Money {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return { amount: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`, amount_cents: cents, currency };
}

/** "12.50" / "12,5" / "12" → 1250; null when it is not an amount. */
export function parseAmount(value: string): number | null {
  const m = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(value);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}
