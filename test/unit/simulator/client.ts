/** A tiny node:http client for the simulator's tests (deliberately not the project's own transport). */
import * as http from 'node:http';
import { createHmac } from 'node:crypto';
import { DEMO_CREDENTIALS, DEMO_REGISTRATION_CREDENTIALS } from '../../simulator';

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Resolve with the error instead of rejecting when the connection fails. */
  onChunk?: (chunk: Buffer) => void;
}

export function request(url: string, opts: RequestOptions = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        opts.onChunk?.(c);
      });
      res.on('error', reject);
      res.on('aborted', () => reject(Object.assign(new Error('aborted'), { partial: Buffer.concat(chunks), status: res.statusCode })));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export function frameHeaders(nowMs = Date.now(), creds = DEMO_CREDENTIALS): Record<string, string> {
  const ts = String(Math.floor(nowMs / 1000));
  return {
    'X-Frame-ClientId': creds.clientId,
    'X-Frame-Timestamp': ts,
    'X-Frame-Signature': createHmac('sha256', creds.clientSecret)
      .update(ts + creds.clientId)
      .digest('hex'),
  };
}

export function signedGet(url: string, extraHeaders: Record<string, string> = {}): Promise<Response> {
  return request(url, { headers: { ...frameHeaders(), ...extraHeaders } });
}

export async function getJson<T = unknown>(url: string): Promise<T> {
  const res = await signedGet(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.text}`);
  return JSON.parse(res.text) as T;
}

export function janrainHeaders(
  endpoint: string,
  params: Record<string, string>,
  nowMs = Date.now(),
  creds = DEMO_REGISTRATION_CREDENTIALS,
): Record<string, string> {
  const date = new Date(nowMs).toISOString().slice(0, 19).replace('T', ' ');
  const lines = Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .sort();
  const s = `${endpoint}\n${date}\n${lines.map((l) => l + '\n').join('')}`;
  return { Date: date, Authorization: `Signature ${creds.clientId}:${createHmac('sha1', creds.clientSecret).update(s).digest('base64')}` };
}

export function form(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}
