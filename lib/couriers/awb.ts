import { randomInt } from "node:crypto";

/**
 * Air waybill numbers: 10 digits (the first not 0) and a mod-11 check digit, 11 digits in
 * all. The body weights 2,3,…,10,1 are distinct and non-zero modulo 11, and the check digit
 * acts with weight −1 ≡ 10: neighbours always differ in weight, so every single-digit error
 * and every swap of two neighbouring digits changes the sum. Bodies whose check would be 10
 * are never issued, so the check is always one digit. A lookup refuses a number whose
 * check digit is wrong before it reaches the database.
 */
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 10, 1] as const;

export function awbCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (WEIGHTS[i % WEIGHTS.length] ?? 0) * Number(body[i]);
  return sum % 11;
}

export function generateAwb(): string {
  for (;;) {
    let body = String(randomInt(1, 10));
    for (let i = 1; i < 10; i++) body += String(randomInt(0, 10));
    const check = awbCheckDigit(body);
    if (check < 10) return body + String(check);
  }
}

export function isValidAwb(value: string): boolean {
  if (!/^[1-9][0-9]{10}$/.test(value)) return false;
  return awbCheckDigit(value.slice(0, 10)) === Number(value[10]);
}
