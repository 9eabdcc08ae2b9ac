/**
 * A request as a request-file block ("Save to Request File" from Send Signed Request and Copy as
 * cURL): `###`, `# @connection`, the request line with its query, and a form body for POST, PUT and
 * PATCH (as Send Signed Request sends their parameters). Only what was asked: never a credential.
 */
import { paramsInBody } from '../api/signedApi';

export interface BlockRequest {
  method: string;
  /** Below the connection's base URL, any `?query` included. */
  path: string;
  params?: Record<string, string>;
}

export function requestBlock(connectionName: string, request: BlockRequest): string {
  const method = request.method.toUpperCase();
  const params = Object.entries(request.params ?? {});
  const form = new URLSearchParams(params).toString();
  const inBody = paramsInBody(method) && params.length > 0;
  let path = request.path.trim().replace(/\s/g, '%20');
  if (!/^(\/|https?:\/\/)/i.test(path)) path = '/' + path;
  if (form && !inBody) path += (path.includes('?') ? '&' : '?') + form;
  const lines = ['###', `# @connection ${connectionName.replace(/[\r\n]+/g, ' ').trim()}`, `${method} ${path}`];
  if (inBody) lines.push('Content-Type: application/x-www-form-urlencoded', '', form);
  return lines.join('\n') + '\n';
}

/** The text to append to a file's `existing` text: a blank line between blocks, none at the top. */
export function appendBlock(existing: string, block: string): string {
  if (!existing.trim()) return block;
  return existing.replace(/\s*$/, '\n\n') + block;
}
