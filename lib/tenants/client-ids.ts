import { randomInt } from "node:crypto";

// Crockford-style alphabet: no I, L, O, U, so an ID read aloud or typed is unambiguous.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A public Client ID such as `CC-7K2M9QXA` (not a secret: it names a tenant or customer). */
export function newClientId(): string {
  let id = "";
  for (let i = 0; i < 8; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return `CC-${id}`;
}
