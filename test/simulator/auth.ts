/**
 * Signature verification for the three schemes, written independently of src/core/signing so the
 * simulator is a real check on the signer. Pure functions: headers in (lower-case names), verdict out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

/** Finds the secret of a client id (undefined when the id is unknown). */
export type SecretLookup = (clientId: string) => string | undefined;

export type AuthResult = { ok: true; clientId: string } | { ok: false; reason: string };

/** Largest accepted difference between a request's timestamp and the server clock, in seconds. */
export const MAX_SKEW_SECONDS = 300;

export function lookupFrom(credentials: readonly Credentials[]): SecretLookup {
  const map = new Map(credentials.map((c) => [c.clientId, c.clientSecret]));
  return (id) => map.get(id);
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab); // same work either way
    return false;
  }
  return timingSafeEqual(ab, bb);
}

/** The frame scheme: lowercase hex HMAC-SHA256(key = secret as UTF-8 text, message = timestamp + client id). */
export function frameSignature(clientSecret: string, timestamp: string, clientId: string): string {
  return createHmac('sha256', Buffer.from(clientSecret, 'utf8'))
    .update(timestamp + clientId, 'utf8')
    .digest('hex');
}

export function verifyFrame(headers: Record<string, string | undefined>, nowMs: number, lookup: SecretLookup): AuthResult {
  const clientId = headers['x-frame-clientid'];
  const timestamp = headers['x-frame-timestamp'];
  const signature = headers['x-frame-signature'];
  if (!clientId || !timestamp || !signature) return { ok: false, reason: 'Authentication credentials were not provided.' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'Invalid timestamp: expected integer seconds since the epoch.' };
  const secret = lookup(clientId);
  if (secret === undefined) return { ok: false, reason: 'Invalid client id.' };
  if (!safeEqual(signature, frameSignature(secret, timestamp, clientId))) return { ok: false, reason: 'Invalid signature.' };
  if (Math.abs(Number(timestamp) - nowMs / 1000) > MAX_SKEW_SECONDS) {
    return { ok: false, reason: `Request timestamp is more than ${MAX_SKEW_SECONDS} seconds away from the server time.` };
  }
  return { ok: true, clientId };
}

/** `YYYY-MM-DD HH:MM:SS` (UTC) → epoch ms, or undefined. */
export function parseJanrainDate(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ') === s ? ms : undefined;
}

/**
 * Unicode code-point order, as Python's sorted() on str (the Registration API's reference code is
 * Python). Computed here as the byte order of the UTF-8 encodings, which is code-point order by
 * UTF-8's design; deliberately not the product's way (which walks code points), so that the two
 * check each other. Parameters arrive decoded from UTF-8, so they never hold lone surrogates (the
 * one case where the two orders could differ).
 */
export function compareCodePoints(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** S = endpoint + "\n" + date + "\n" + every "k=v" line (sorted as whole strings, code-point order) followed by "\n". */
export function janrainStringToSign(endpoint: string, date: string, params: readonly (readonly [string, string])[]): string {
  const lines = params.map(([k, v]) => `${k}=${v}`).sort(compareCodePoints);
  return `${endpoint}\n${date}\n${lines.map((l) => l + '\n').join('')}`;
}

export function janrainSignature(clientSecret: string, stringToSign: string): string {
  return createHmac('sha1', Buffer.from(clientSecret, 'utf8')).update(stringToSign, 'utf8').digest('base64');
}

/**
 * Registration API authentication: `Authorization: Signature id:b64` with a `Date` header, or
 * `Authorization: Basic b64(id:secret)`. `endpoint` is the root-anchored path relative to the
 * registration base (e.g. `/entity.count`), `params` the decoded query and form parameters.
 */
export function verifyRegistration(
  headers: Record<string, string | undefined>,
  endpoint: string,
  params: readonly (readonly [string, string])[],
  nowMs: number,
  lookup: SecretLookup,
): AuthResult {
  const authorization = headers['authorization'];
  if (!authorization) return { ok: false, reason: 'No Authorization header was sent.' };
  const sig = /^Signature ([^:\s]+):(\S+)$/.exec(authorization);
  if (sig) {
    const clientId = sig[1] as string;
    const given = sig[2] as string;
    const date = headers['date'];
    if (!date) return { ok: false, reason: 'A Date header is required with Signature authentication.' };
    const dateMs = parseJanrainDate(date);
    if (dateMs === undefined) return { ok: false, reason: 'The Date header must be "YYYY-MM-DD HH:MM:SS" (UTC).' };
    const secret = lookup(clientId);
    if (secret === undefined) return { ok: false, reason: 'Unknown client_id.' };
    if (!safeEqual(given, janrainSignature(secret, janrainStringToSign(endpoint, date, params)))) {
      return { ok: false, reason: 'The signature does not match.' };
    }
    if (Math.abs(dateMs - nowMs) > MAX_SKEW_SECONDS * 1000)
      return { ok: false, reason: 'The Date header is too far from the server time.' };
    return { ok: true, clientId };
  }
  const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, reason: 'Malformed Basic credentials.' };
    const clientId = decoded.slice(0, colon);
    const secret = lookup(clientId);
    if (secret === undefined || !safeEqual(decoded.slice(colon + 1), secret)) return { ok: false, reason: 'Invalid client credentials.' };
    return { ok: true, clientId };
  }
  return { ok: false, reason: 'Unsupported Authorization scheme.' };
}
