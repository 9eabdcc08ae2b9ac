/**
 * The "S3" side: presigned report URLs on the main origin under /presigned/, checked with the
 * simulator's own HMAC, and served without Frame authentication. Requests that carry Frame
 * headers or an Authorization header are refused, as a client must never send them to S3.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Reply, RequestContext } from './reply';
import { isRead } from './reply';

export const PRESIGN_ACCESS_KEY_ID = 'AKIASIMULATOR7EXAMPLE';
export const PRESIGN_TTL_SECONDS = 3600;

export class Presigner {
  constructor(private readonly key: string) {}

  private signature(pathname: string, expires: string): string {
    return createHmac('sha256', this.key).update(`GET\n${pathname}\n${expires}\n${PRESIGN_ACCESS_KEY_ID}`).digest('base64');
  }

  /** pathname + query of a presigned URL valid for `ttlSeconds` from `nowMs` (negative → already expired). */
  sign(pathname: string, nowMs: number, ttlSeconds = PRESIGN_TTL_SECONDS): string {
    const expires = String(Math.floor(nowMs / 1000) + ttlSeconds);
    const q = new URLSearchParams({
      Signature: this.signature(pathname, expires),
      Expires: expires,
      AWSAccessKeyId: PRESIGN_ACCESS_KEY_ID,
    });
    return `${pathname}?${q.toString()}`;
  }

  /** undefined when the request may be served, else the S3-style refusal. */
  check(ctx: RequestContext): Reply | undefined {
    if (!isRead(ctx.method)) {
      return s3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', { allow: 'GET, HEAD' });
    }
    const frameHeaders = Object.keys(ctx.headers).filter((h) => h.startsWith('x-frame-'));
    if (frameHeaders.length > 0 || ctx.headers['authorization'] !== undefined) {
      return s3Error(
        403,
        'AccessDenied',
        'Only one auth mechanism allowed; the presigned URL already carries its signature (unexpected Authorization or X-Frame-* header).',
      );
    }
    const signature = ctx.query.get('Signature');
    const expires = ctx.query.get('Expires');
    const keyId = ctx.query.get('AWSAccessKeyId');
    if (!signature || !expires || !keyId)
      return s3Error(403, 'AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters.');
    if (keyId !== PRESIGN_ACCESS_KEY_ID)
      return s3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    const expected = Buffer.from(this.signature(ctx.pathname, expires));
    const given = Buffer.from(signature);
    if (!/^\d+$/.test(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return s3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    if (Number(expires) * 1000 < ctx.nowMs) return s3Error(403, 'AccessDenied', 'Request has expired');
    return undefined;
  }
}

let requestCounter = 0;

export function s3Error(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  const id = (++requestCounter).toString(16).toUpperCase().padStart(16, '0');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId><HostId>simulator/${id}</HostId></Error>`;
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body };
}
