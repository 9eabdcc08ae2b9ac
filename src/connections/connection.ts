/** A saved connection: everything but the client secret, which lives only in SecretStorage. */
import type { Account } from '../core/api';
import { isScheme, type Scheme } from '../core/signing';

/** Which API a connection talks to, from its base URL: it decides what the Accounts view shows. */
export type ApiKind = 'web' | 'admin' | 'other';

export interface Connection {
  id: string;
  name: string;
  /** Includes the API's version path, e.g. https://api.fra.me/v1alpha. */
  baseUrl: string;
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

export function apiKindOf(baseUrl: string): ApiKind {
  let path: string;
  try {
    path = new URL(baseUrl).pathname.replace(/\/+$/, '').replace(/\/accounts$/, '');
  } catch {
    return 'other';
  }
  if (/\/v1alpha$/i.test(path)) return 'web';
  if (/\/v1$/i.test(path)) return 'admin';
  return 'other';
}

export function describeApiKind(kind: ApiKind): string {
  return kind === 'web' ? 'Web API' : kind === 'admin' ? 'Admin API' : 'signed requests only';
}

/**
 * Validates what globalState gave back (it may have been written by another version): only the
 * known fields are kept; `readOnly` is kept when it is a boolean (older connections have none).
 */
export function parseConnections(value: unknown): Connection[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (c): c is Connection =>
        !!c &&
        typeof c === 'object' &&
        typeof c.id === 'string' &&
        typeof c.name === 'string' &&
        typeof c.baseUrl === 'string' &&
        typeof c.clientId === 'string' &&
        isScheme(c.scheme),
    )
    .map(plainConnection);
}

/** Only a connection's own fields: what is stored and read back (nothing secret can slip in through a spread object). */
export function plainConnection({ id, name, baseUrl, clientId, scheme, readOnly }: Connection): Connection {
  return { id, name, baseUrl, clientId, scheme, ...(typeof readOnly === 'boolean' ? { readOnly } : {}) };
}

/** Whether write actions are refused on this connection. */
export function isReadOnly(c: Pick<Connection, 'readOnly'>): boolean {
  return c.readOnly === true;
}
