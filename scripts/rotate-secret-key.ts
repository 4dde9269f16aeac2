// `npm run secrets:rotate [-- --new-key] [-- --drop-old]`: re-encrypts every stored secret
// under the current key (lib/secrets), while the app keeps serving: each row in its own
// short transaction, and readers accept every configured key meanwhile.
//
// With SECRET_KEYS: add the new key (SECRET_KEYS=old:...,new:...), set
// SECRET_KEY_CURRENT=new, restart the instances, run this, then remove the old key.
// Embedded default (DATA_DIR/secret-keys): --new-key adds a key and makes it current first;
// --drop-old removes the keys no stored secret uses any more afterwards.
import { checkCarrierAuthKeys, carrierAuthKeyIds, rotateCarrierAuthSecrets } from "@/lib/carrier-auths/rotate";
import { checkTwoFactorKeys, rotateTwoFactorSecrets, twoFactorKeyIds } from "@/lib/auth/two-factor";
import { closeDatabase, database } from "@/lib/db";
import { checkWebhookKeys, rotateWebhookSecrets, webhookKeyIds } from "@/lib/webhooks/key-rotation";
import { addKeyToFile, dropKeysFromFile, keyringSummary } from "@/lib/secrets";

const args = new Set(process.argv.slice(2));
for (const arg of args) {
  if (!["--new-key", "--drop-old"].includes(arg)) {
    console.error(`Unknown option ${arg}. Usage: npm run secrets:rotate [-- --new-key] [-- --drop-old]`);
    process.exit(2);
  }
}

try {
  await database();
  // Every key in use must be readable before anything is rewritten.
  await checkCarrierAuthKeys();
  await checkWebhookKeys();
  await checkTwoFactorKeys();
  if (args.has("--new-key")) console.log(`Added key ${addKeyToFile()} to the key file; it is now current.`);
  const { current } = keyringSummary();
  console.log(`Re-encrypting stored secrets under key ${current}…`);
  const { rows, resealed, unreadable } = await rotateCarrierAuthSecrets();
  console.log(`Carrier auths: ${rows} checked, ${resealed} secret field(s) re-encrypted.`);
  if (unreadable.length) {
    console.error(`Left as they were, failing their integrity check (altered or copied): carrier auth(s) ${unreadable.join(", ")}.`);
    process.exitCode = 1;
  }
  const totp = await rotateTwoFactorSecrets();
  console.log(`Two-factor secrets: ${totp.rows} checked, ${totp.resealed} re-encrypted.`);
  if (totp.unreadable.length) {
    console.error(`Left as they were, failing their integrity check: the two-factor secret(s) of member(s) ${totp.unreadable.join(", ")}.`);
    process.exitCode = 1;
  }

  const hooks = await rotateWebhookSecrets();
  console.log(`Webhook endpoints: ${hooks.rows} checked, ${hooks.resealed} signing secret(s) re-encrypted.`);
  if (hooks.unreadable.length) {
    console.error(`Left as they were, failing their integrity check: webhook endpoint(s) ${hooks.unreadable.join(", ")}.`);
    process.exitCode = 1;
  }

  const inUse = new Set([...(await carrierAuthKeyIds()), ...(await webhookKeyIds()), ...(await twoFactorKeyIds())]);
  const unused = keyringSummary().keyIds.filter((id) => id !== current && !inUse.has(id));
  if (args.has("--drop-old")) {
    const dropped = dropKeysFromFile(inUse);
    console.log(dropped.length ? `Removed key(s) ${dropped.join(", ")} from the key file.` : "No old key to remove.");
  } else if (unused.length) {
    const where = keyringSummary().file ? "the key file (or run again with --drop-old)" : "SECRET_KEYS";
    console.log(`No stored secret uses key(s) ${unused.join(", ")} any more: remove them from ${where}.`);
  } else {
    console.log("Every configured key is the current one or still in use.");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
