/** "Copy Request as cURL": a signed request as a command to paste into a POSIX shell. */
import * as l10n from '@vscode/l10n';
import { FrameApiError } from '../http/errors';
import { paramsInBody, type SignedRequest } from './signedApi';

/** Shell quoting: everything inside single quotes, a quote itself as '\''. */
function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** An HTTP method token (RFC 9110): letters only here, so nothing in it can reach a shell. */
export function httpMethod(method: string): string {
  const m = method.trim().toUpperCase();
  if (!/^[A-Z]{1,20}$/.test(m))
    throw new FrameApiError('invalid-request', l10n.t('"{0}" is not an HTTP method (GET, POST, PUT, DELETE…).', method.slice(0, 40)));
  return m;
}

/**
 * A copy-pasteable cURL command, every part quoted. With `basicClientId` the Authorization header
 * (which would be the secret, merely base64-encoded) is replaced by `-u id:$FRAME_CLIENT_SECRET`.
 */
export function toCurl(request: SignedRequest, url: string, headers: Record<string, string>, basicClientId?: string): string {
  const method = httpMethod(request.method);
  // `-X HEAD` makes curl wait for a body that never comes: --head asks for the headers alone.
  const parts = method === 'HEAD' ? ['curl', '-sS', '--head', q(url)] : ['curl', '-sS', '-X', q(method), q(url)];
  if (basicClientId !== undefined) parts.push('-u', `${q(basicClientId + ':')}"$FRAME_CLIENT_SECRET"`);
  for (const [k, v] of Object.entries(headers))
    if (basicClientId === undefined || k.toLowerCase() !== 'authorization') parts.push('-H', q(`${k}: ${v}`));
  if (paramsInBody(method) && request.params && Object.keys(request.params).length)
    parts.push('--data', q(new URLSearchParams(request.params).toString()));
  return parts.join(' ');
}

/** How to set $FRAME_CLIENT_SECRET without putting the secret into the shell's history. */
export const BASIC_SECRET_HINT = 'read -rs FRAME_CLIENT_SECRET; export FRAME_CLIENT_SECRET';
