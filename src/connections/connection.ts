/** A saved connection: everything but the client secret, which lives only in SecretStorage. */
// @vscode/l10n rather than vscode.l10n: this module stays vscode-free (bare-Node unit tests read it);
// activate() gives this bundle's @vscode/l10n the display language's strings.
import * as l10n from '@vscode/l10n';
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

/** The base URLs the wizard offers (the first is the default). */
export const PRESET_BASE_URLS = ['https://api.fra.me/v1alpha', 'https://api.console.nutanix.com/v1'] as const;

/** The wizard's choices of API (labels in the display language: read when asked, not at load). */
export function presets(): { label: string; detail: string; baseUrl: string }[] {
  const [web, admin] = PRESET_BASE_URLS;
  return [
    { label: l10n.t('Frame Web API'), detail: web, baseUrl: web },
    { label: l10n.t('Frame Admin API'), detail: admin, baseUrl: admin },
  ];
}

export function describeApiKind(kind: ApiKind): string {
  return kind === 'web' ? l10n.t('Web API') : kind === 'admin' ? l10n.t('Admin API') : l10n.t('signed requests only');
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
