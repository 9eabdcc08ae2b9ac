/**
 * Responses kept per connection, with their bodies (Send Signed Request, Send from a request file):
 * what the response tab shows and "Compare with previous" diffs. Each body is capped, and
 * credentials are kept out twice: the transport already scrubbed every value this request sent (a
 * server echoing them back), and here any header or field named as a credential (`Authorization`,
 * `X-Frame-Signature`…) loses its value, whatever it holds. One JSON file per connection, written
 * whole (a temporary file, then a rename).
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { jsonText } from '../api/loose';

export const HISTORY_LIMITS = {
  /** Responses kept per connection, newest first. */
  entries: 20,
  /** Characters of a body kept (the tab says when it was cut). */
  bodyChars: 256 * 1024,
};

export interface HistoryEntry {
  /** Unique within the connection's history. */
  id: string;
  /** ISO time the answer came. */
  at: string;
  method: string;
  /** As sent, below the base URL (a query included). */
  path: string;
  status: number;
  ms: number;
  /** Bytes of the body as received. */
  bytes: number;
  headers: Record<string, string>;
  body: string;
  /** Whether the body was cut at HISTORY_LIMITS.bodyChars. */
  truncated: boolean;
}

/** What a response answered, as the history takes it (SignedResponse / SignedExchange have these). */
export interface AnsweredResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Names whose values are credentials, in headers and in echoed bodies. */
const CREDENTIAL_NAME = /^(proxy-)?authorization$|^x-frame-signature$|^x-frame-secret$|^client[-_]?secret$/i;
/** `"Authorization": "…"`, `Authorization: …`, `x-frame-signature=…` in any text (JSON, an echo dump, a form). */
const CREDENTIAL_IN_TEXT = /((?:proxy-)?authorization|x-frame-signature|client[-_]?secret)(["']?\s*[:=]\s*["']?)([^"'\r\n&,}]+)/gi;
const REDACTED = '[redacted]';

/** Headers with any credential-named header's value replaced. */
export function redactCredentialHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, CREDENTIAL_NAME.test(k) ? REDACTED : v]));
}

/** Text with the value after any credential name replaced (an echo of our request's headers). */
export function redactCredentialText(text: string): string {
  return text.replace(CREDENTIAL_IN_TEXT, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
}

/** A history entry from an answer: redacted and capped. */
export function historyEntry(
  request: { method: string; path: string },
  response: AnsweredResponse,
  ms: number,
  now: Date = new Date(),
): HistoryEntry {
  const text = redactCredentialText(response.text);
  return {
    id: `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    at: now.toISOString(),
    method: request.method.toUpperCase(),
    path: request.path,
    status: response.status,
    ms: Math.round(ms),
    bytes: Buffer.byteLength(response.text),
    headers: redactCredentialHeaders(response.headers),
    body: text.length > HISTORY_LIMITS.bodyChars ? text.slice(0, HISTORY_LIMITS.bodyChars) : text,
    truncated: text.length > HISTORY_LIMITS.bodyChars,
  };
}

/** "1.2 KB" */
export function byteSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}

/**
 * The response tab's text: request, status, time, size and headers above the body. A JSON body is
 * pretty-printed as JSON with comments (the lines above are comments); anything else is plain text.
 * `above` lines (a request file's verdicts) come first.
 */
export function responseDocument(entry: HistoryEntry, above: readonly string[] = []): { content: string; extension: 'jsonc' | 'txt' } {
  const head = [
    ...above,
    `${entry.method} ${entry.path}`,
    `HTTP ${entry.status} · ${entry.ms} ms · ${byteSize(entry.bytes)}`,
    l10n.t('Received {0}', entry.at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')),
    ...Object.entries(entry.headers).map(([k, v]) => `${k}: ${v}`),
    ...(entry.truncated ? [l10n.t('(the body is cut at {0} here)', byteSize(HISTORY_LIMITS.bodyChars))] : []),
  ];
  let json: unknown;
  if (!entry.truncated && /^\s*[[{]/.test(entry.body)) {
    try {
      json = JSON.parse(entry.body) as unknown;
    } catch {
      json = undefined;
    }
  }
  if (json !== undefined)
    return { content: head.map((l) => `// ${l.replace(/\n/g, ' ')}`).join('\n') + '\n\n' + jsonText(json) + '\n', extension: 'jsonc' };
  return { content: head.join('\n') + '\n\n' + entry.body, extension: 'txt' };
}

/** Entries on disk, one file per connection (the id hashed: ids are the extension's, names are people's). */
export class ResponseHistory {
  /** One write at a time per file: two answers arriving together both land. */
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(private readonly folder: string) {}

  private file(connectionId: string): string {
    return path.join(this.folder, `${createHash('sha256').update(connectionId).digest('hex').slice(0, 32)}.json`);
  }

  /** Newest first; a missing or damaged file is an empty history. */
  async list(connectionId: string): Promise<HistoryEntry[]> {
    try {
      const parsed = JSON.parse(await readFile(this.file(connectionId), 'utf8')) as unknown;
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return [];
    }
  }

  /** Adds an entry (newest first, at most HISTORY_LIMITS.entries kept). */
  add(connectionId: string, entry: HistoryEntry): Promise<void> {
    return this.serial(connectionId, async () => {
      const entries = [entry, ...(await this.list(connectionId))].slice(0, HISTORY_LIMITS.entries);
      await mkdir(this.folder, { recursive: true });
      const file = this.file(connectionId);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(entries), { mode: 0o600 });
      await rename(temporary, file);
    });
  }

  /** The answer before `entry` to the same method and path, if one is kept. */
  async previous(connectionId: string, entry: HistoryEntry): Promise<HistoryEntry | undefined> {
    const entries = await this.list(connectionId);
    const at = entries.findIndex((e) => e.id === entry.id);
    return entries.slice(at < 0 ? 0 : at + 1).find((e) => e.id !== entry.id && e.method === entry.method && e.path === entry.path);
  }

  /** Forgets a removed connection's responses. */
  forget(connectionId: string): Promise<void> {
    return this.serial(connectionId, () => rm(this.file(connectionId), { force: true }));
  }

  private serial(connectionId: string, task: () => Promise<void>): Promise<void> {
    const before = this.writing.get(connectionId) ?? Promise.resolve();
    const next = before.then(task, task);
    this.writing.set(
      connectionId,
      next.catch(() => undefined),
    );
    return next;
  }
}

function isEntry(v: unknown): v is HistoryEntry {
  const e = v as Partial<HistoryEntry> | null;
  return (
    !!e &&
    typeof e.id === 'string' &&
    typeof e.method === 'string' &&
    typeof e.path === 'string' &&
    typeof e.status === 'number' &&
    typeof e.body === 'string' &&
    !!e.headers &&
    typeof e.headers === 'object'
  );
}
