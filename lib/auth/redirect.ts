/**
 * Where the browser may be sent after sign-in: a path on this site, nothing else.
 *
 * Pure (no I/O, no server-only), so the sign-in page, the sign-in form, next-auth's
 * `redirect` callback and `requireMember` all apply the same rule. Browsers forgive a lot
 * in a URL: `/\evil.example`, `/<TAB>/evil.example` and `//evil.example` all leave the site,
 * because the URL parser turns a backslash into a slash and drops tabs and newlines. So
 * anything a browser would read differently from how it looks is refused, not cleaned up.
 */

const BASE = "http://courier.invalid";

/**
 * The path (and query) of the page being requested, set by proxy.ts on every page request
 * (overwriting whatever the client sent) so that requireMember can come back to it.
 */
export const REQUEST_PATH_HEADER = "x-courier-path";

/** Control characters, whitespace and backslashes: what the URL parser strips or rewrites. */
const CONFUSING = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;

/** `text` decoded up to three times, each form included: `%5C` is a backslash to whoever decodes it next. */
function decodedForms(text: string): string[] | null {
  const forms = [text];
  let current = text;
  for (let i = 0; i < 3 && current.includes("%"); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      return null;
    }
    forms.push(current);
  }
  return forms;
}

/**
 * The same-site path (path, query and fragment) that `raw` names, or null when it names
 * another site, is not a path, or could be read as one by a browser. With `origin`
 * (`http://host:port`), an absolute URL on that origin is accepted as its path.
 */
export function safeRedirectPath(raw: unknown, origin?: string): string | null {
  if (typeof raw !== "string" || raw === "" || raw.length > 2000) return null;
  let candidate = raw;
  if (!raw.startsWith("/") && origin) {
    if (!/^https?:\/\//i.test(raw) || CONFUSING.test(raw)) return null;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return null;
    }
    if (url.origin !== new URL(origin).origin || url.username || url.password) return null;
    candidate = url.pathname + url.search + url.hash;
  }
  if (CONFUSING.test(candidate)) return null;
  // The path part decoded, too (a query may well hold an encoded space; a path need not).
  const forms = decodedForms(candidate.split(/[?#]/, 1)[0] ?? "");
  if (!forms) return null;
  for (const form of forms) {
    if (!form.startsWith("/") || form.startsWith("//") || CONFUSING.test(form)) return null;
  }
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = url.pathname + url.search + url.hash;
  // Dot segments can collapse into a leading "//" (`/..//evil.example`).
  if (!path.startsWith("/") || path.startsWith("//")) return null;
  return path;
}

/** The sign-in URL that comes back to `path` afterwards (or plain /signin when it is not safe). */
export function signInUrl(path: string | null | undefined): string {
  const next = safeRedirectPath(path);
  return next && next !== "/" ? `/signin?callbackUrl=${encodeURIComponent(next)}` : "/signin";
}
