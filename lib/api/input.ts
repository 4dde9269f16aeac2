import { z } from "zod";
import { AppError } from "@/lib/server/errors";

const MAX_BODY_BYTES = 256 * 1024;

/** zod issues as `{ "path.to.field": ["what is wrong"] }`; the root is "(body)". */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "(body)";
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("validation_failed", "The request has fields that are not valid.", { fields: fieldErrors(parsed.error) });
  }
  return parsed.data;
}

/** The JSON body checked against `schema`: 400 when it is not JSON, 422 when it does not fit. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await readBoundedText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json");
  }
  return validate(schema, body);
}

const tooLarge = () => new AppError("payload_too_large", `The body may be at most ${MAX_BODY_BYTES} bytes.`);

/** The body as text, refused as soon as it passes the limit (never buffered whole). */
export async function readBoundedText(request: Request): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Query parameters checked against `schema` (422 when they do not fit). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  return validate(schema, Object.fromEntries(new URL(request.url).searchParams));
}

export const PaginationQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(20),
});
