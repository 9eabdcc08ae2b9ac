/**
 * The shared request signer: every request the extension sends is signed here, whatever the scheme.
 * Rules (DESIGN.md "The shared signer"):
 * - frame: X-Frame-ClientId, X-Frame-Timestamp (whole seconds), X-Frame-Signature =
 *   hex(HMAC-SHA256(utf8(secret), timestamp + clientId)). Method, path and body are not signed.
 * - janrain-signature: Date "YYYY-MM-DD HH:MM:SS" (UTC) and
 *   Authorization "Signature id:base64(HMAC-SHA1(secret, endpoint\ndate\n + sorted 'k=v\n' lines))".
 * - basic: Authorization "Basic base64(id:secret)".
 * Callers sign afresh for every attempt; nothing here caches a signature.
 */
import * as l10n from '@vscode/l10n';
import { createHmac } from 'node:crypto';
import { FrameError } from '../errors';

export type Scheme = 'frame' | 'janrain-signature' | 'basic';

export const SCHEMES: readonly Scheme[] = ['frame', 'janrain-signature', 'basic'];

export interface Credentials {
  scheme: Scheme;
  clientId: string;
  clientSecret: string;
}

export interface SignInput {
  method: string;
  /** Root-anchored endpoint path, e.g. `/v1alpha/accounts/` or `/entity.find` (no query string). */
  path: string;
  /** Request parameters; only the janrain-signature scheme signs them. */
  params?: Record<string, string>;
  /** The signing time; defaults to now. */
  now?: Date;
}

export function isScheme(value: unknown): value is Scheme {
  return typeof value === 'string' && (SCHEMES as readonly string[]).includes(value);
}

/** Returns the headers to add to a request so that the API accepts it. */
export function signRequest(credentials: Credentials, input: SignInput): Record<string, string> {
  const now = input.now ?? new Date();
  switch (credentials.scheme) {
    case 'frame':
      return signFrame(credentials, now);
    case 'janrain-signature':
      return signJanrain(credentials, input.path, input.params ?? {}, now);
    case 'basic':
      return { Authorization: 'Basic ' + Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`, 'utf8').toString('base64') };
    default:
      throw new FrameError(
        'invalid-request',
        l10n.t(
          'Unknown signing scheme "{0}": edit the connection and choose frame, janrain-signature or basic.',
          String((credentials as { scheme: unknown }).scheme).slice(0, 40),
        ),
      );
  }
}

function signFrame(credentials: Credentials, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  // The key is the secret's UTF-8 bytes: a hex-looking secret is NOT hex-decoded.
  const signature = createHmac('sha256', Buffer.from(credentials.clientSecret, 'utf8'))
    .update(timestamp + credentials.clientId, 'utf8')
    .digest('hex');
  return {
    'X-Frame-ClientId': credentials.clientId,
    'X-Frame-Timestamp': timestamp,
    'X-Frame-Signature': signature,
  };
}

function signJanrain(credentials: Credentials, endpoint: string, params: Record<string, string>, now: Date): Record<string, string> {
  for (const [k, v] of Object.entries(params)) assertSignableParam(k, v);
  const date = formatJanrainDate(now);
  // Whole "k=v" strings are sorted (not keys), and values are signed as they are, not URL-encoded.
  const lines = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .sort(compareCodePoints);
  const toSign = `${endpoint}\n${date}\n` + lines.map((l) => l + '\n').join('');
  const digest = createHmac('sha1', Buffer.from(credentials.clientSecret, 'utf8')).update(toSign, 'utf8').digest('base64');
  return { Date: date, Authorization: `Signature ${credentials.clientId}:${digest}` };
}

/**
 * The string to sign is one "k=v" line per parameter, so a parameter must not be able to pass for
 * others: `filter="x\ntype_name=admin"` signed exactly like the two parameters `filter=x` and
 * `type_name=admin` (and the server accepted the replay). Refused before anything is signed.
 */
function assertSignableParam(key: string, value: string): void {
  const shown = `"${key.replace(/[\r\n]/g, ' ').slice(0, 40)}"`;
  // One whole sentence per problem (the advice after it is the same sentence for all).
  const problem =
    key === ''
      ? l10n.t(
          'The parameter has no name, which the janrain-signature scheme cannot sign safely (it would read as other parameters); nothing was sent.',
        )
      : /[\r\n]/.test(key)
        ? l10n.t(
            'The parameter {0} has a line break in its name, which the janrain-signature scheme cannot sign safely (it would read as other parameters); nothing was sent.',
            shown,
          )
        : key.includes('=')
          ? l10n.t(
              'The parameter {0} has "=" in its name, which the janrain-signature scheme cannot sign safely (it would read as other parameters); nothing was sent.',
              shown,
            )
          : /[\r\n]/.test(value)
            ? l10n.t(
                'The parameter {0} has a line break in its value, which the janrain-signature scheme cannot sign safely (it would read as other parameters); nothing was sent.',
                shown,
              )
            : undefined;
  if (problem)
    throw new FrameError('invalid-request', problem + ' ' + l10n.t('Remove it, or write line breaks another way (for example as spaces).'));
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as the Registration API's Date header expects. */
export function formatJanrainDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Code-point ordering, as Python's sorted() on str (the Registration API's reference code); plain
 * `<` compares UTF-16 code units, which disagrees for astral vs U+E000–U+FFFF characters.
 */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
