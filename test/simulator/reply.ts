/** What a route handler returns: the server writes it (or a fault mangles it). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** One request as the handlers see it (body already read). */
export interface RequestContext {
  method: string;
  /** Pathname (still percent-encoded). */
  pathname: string;
  /** pathname + search, as received. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** Server clock (real clock + offset), epoch ms. */
  nowMs: number;
  /** The most items a list serves per page (the Admin API's), whatever `limit` asks. */
  pageCap?: number;
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', vary: 'Accept', ...headers }, body: JSON.stringify(value) };
}

export function detail(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return json(status, { detail: message }, headers);
}

export const notFound = (): Reply => detail(404, 'Not found.');

export function methodNotAllowed(method: string, allow: string): Reply {
  return detail(405, `Method "${method}" not allowed.`, { allow });
}

/** GET and HEAD are the read methods every read-only route accepts (HEAD answers without a body). */
export const isRead = (method: string): boolean => method === 'GET' || method === 'HEAD';
