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
  /** false when `total` is a capped count: there are more than that (lists that page by cursor). */
  total_exact?: boolean;
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor?: string | null;
}

/**
 * A list: `{"ok": true, "data": [...], "meta": {page, per_page, total, total_pages}}`. A list
 * that pages by cursor passes `nextCursor` and, when its count stops at a cap, `totalExact:
 * false`; total_pages then counts at least one page past this one while there is a next.
 */
export function paginated(
  items: unknown[],
  page: { page: number; perPage: number; total: number; totalExact?: boolean; nextCursor?: string | null },
): Response {
  const pages = Math.max(1, Math.ceil(page.total / page.perPage));
  const meta: PageMeta = {
    page: page.page,
    per_page: page.perPage,
    total: page.total,
    total_pages: page.totalExact === false && page.nextCursor ? Math.max(pages, page.page + 1) : pages,
    ...(page.totalExact !== undefined && { total_exact: page.totalExact }),
    ...(page.nextCursor !== undefined && { next_cursor: page.nextCursor }),
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
