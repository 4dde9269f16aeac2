import { AppError } from "@/lib/server/errors";

/** `{"ok": true, "data": ...}` */
export function ok(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  return Response.json({ ok: true, data }, { status: init.status ?? 200, headers: init.headers });
}

export interface PageMeta {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
}

/** A list: `{"ok": true, "data": [...], "meta": {page, per_page, total, total_pages}}` */
export function paginated(items: unknown[], page: { page: number; perPage: number; total: number }): Response {
  const meta: PageMeta = {
    page: page.page,
    per_page: page.perPage,
    total: page.total,
    total_pages: Math.max(1, Math.ceil(page.total / page.perPage)),
  };
  return Response.json({ ok: true, data: items, meta });
}

/** `{"ok": false, "error": {code, message, details?}}` with the error's status. */
export function errorResponse(error: AppError, headers?: HeadersInit): Response {
  const body = {
    ok: false,
    error: { code: error.code, message: error.message, ...(error.details !== undefined && { details: error.details }) },
  };
  return Response.json(body, { status: error.status, headers });
}
