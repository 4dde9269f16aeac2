import { operation } from "./types";

// Reports of leaked tokens from a secret scanner (lib/credentials/leak-reports.ts): no token,
// a signature instead.

export const reportLeakedTokens = operation({
  method: "POST",
  path: "/v1/secret-scanning/report",
  operationId: "reportLeakedTokens",
  tag: "Meta",
  summary: "Report leaked tokens (secret scanning)",
  description:
    "GitHub's secret-scanning partner protocol. The body is a JSON array of `{token, type, url, source}`; the request is signed " +
    "with ECDSA P-256 over SHA-256 of the raw body, the base64 DER signature in `Github-Public-Key-Signature` and the key's id " +
    "in `Github-Public-Key-Identifier`, checked against the keys published at `SECRET_SCANNING_KEYS_URL`. Each reported token of " +
    "this service is revoked at once and flagged in the dashboard. The answer (plain JSON, no envelope) labels every entry " +
    "`true_positive` or `false_positive`, naming it by the SHA-256 hex of the reported string (`token_hash`). A missing or wrong " +
    "signature is 401 `invalid_signature` and nothing is revoked; a body of the wrong shape is 400 `malformed_report`.",
  auth: "public",
  success: {
    status: 200,
    description: "One label per reported entry, in order.",
    media: {
      "application/json": {
        description: '[{"token_hash": "<sha-256 hex>", "token_type": "<type as reported>", "label": "true_positive" | "false_positive"}]',
        example:
          '[{"token_hash":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","token_type":"courier_console_api_token","label":"true_positive"}]',
      },
    },
  },
  errors: ["malformed_report", "payload_too_large", "invalid_signature", "service_unavailable"],
});
