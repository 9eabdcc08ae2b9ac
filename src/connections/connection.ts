/** A saved connection: everything but the client secret, which lives only in SecretStorage. */
import { API_KINDS, apiKindOf, type Account, type ApiKind } from '../core/api';
import { isScheme, type Scheme } from '../core/signing';

export type { ApiKind };

export interface Connection {
  id: string;
  name: string;
  /** Includes the API's version path, e.g. https://api.fra.me/v1alpha. */
  baseUrl: string;
  /**
   * Which API the base URL is for (what the Accounts view shows, which client the commands use),
   * recorded when the base URL is saved; connections saved before it existed get it on first read.
   */
  apiKind: ApiKind;
  clientId: string;
  scheme: Scheme;
  /**
   * Never run write actions (Publish Sandbox) with this connection: they are neither shown nor run.
   * Missing in connections saved before this existed, which had no write action (treated as false).
   */
  readOnly?: boolean;
}

/** An account of a Web API connection: what the account commands, the reports and the member and application views act on. */
export interface SelectedAccount {
  connection: Connection;
  account: Account;
}

export const PRESETS = [
  { label: 'Frame Web API', detail: 'https://api.fra.me/v1alpha', baseUrl: 'https://api.fra.me/v1alpha' },
  { label: 'Frame Admin API', detail: 'https://api.console.nutanix.com/v1', baseUrl: 'https://api.console.nutanix.com/v1' },
] as const;

export function describeApiKind(kind: ApiKind): string {
  return kind === 'web' ? 'Web API' : kind === 'admin' ? 'Admin API' : 'signed requests only';
}

/**
 * Validates what globalState gave back (it may have been written by another version): only the
 * known fields are kept; `readOnly` is kept when it is a boolean (older connections have none);
 * a missing or unknown `apiKind` is read from the base URL (see `needsMigration`).
 */
export function parseConnections(value: unknown): Connection[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (c): c is Omit<Connection, 'apiKind'> & { apiKind?: unknown } =>
        !!c &&
        typeof c === 'object' &&
        typeof c.id === 'string' &&
        typeof c.name === 'string' &&
        typeof c.baseUrl === 'string' &&
        typeof c.clientId === 'string' &&
        isScheme(c.scheme),
    )
    .map((c) => plainConnection({ ...c, apiKind: isApiKind(c.apiKind) ? c.apiKind : apiKindOf(c.baseUrl) }));
}

/** Whether some saved connection lacks its API kind (saved by an older version): write them back once. */
export function needsMigration(value: unknown): boolean {
  return Array.isArray(value) && value.some((c: { apiKind?: unknown } | null) => !!c && typeof c === 'object' && !isApiKind(c.apiKind));
}

function isApiKind(value: unknown): value is ApiKind {
  return API_KINDS.includes(value as ApiKind);
}

/** Only a connection's own fields: what is stored and read back (nothing secret can slip in through a spread object). */
export function plainConnection({ id, name, baseUrl, apiKind, clientId, scheme, readOnly }: Connection): Connection {
  return { id, name, baseUrl, apiKind, clientId, scheme, ...(typeof readOnly === 'boolean' ? { readOnly } : {}) };
}

/** Whether write actions are refused on this connection. */
export function isReadOnly(c: Pick<Connection, 'readOnly'>): boolean {
  return c.readOnly === true;
}
