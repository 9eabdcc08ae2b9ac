/**
 * Application icons: downloaded once (no Frame headers: icon hosts are not the API), cached on
 * disk in the extension's global storage and in memory, and shown as data: URIs. An icon URL the
 * API names is untrusted: https only (plain http and loopback only on the API's own loopback
 * origin), checked again on every redirect hop, a small size cap and a short deadline. Anything
 * that is not a small PNG/JPEG/GIF/WebP is ignored and the view keeps its codicon. A failure that
 * may pass (network, timeout, 5xx) is retried on a later look; a definite answer is remembered.
 */
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import { isRetryable } from '../core/errors';
import type { HttpTransport } from '../core/http/transport';
import { iconUrlAllowed, parseUrl } from '../core/http/urls';

const MAX_ICON_BYTES = 256 * 1024;
/** One slow icon host must not keep a request open for long. */
const ICON_DEADLINE_MS = 10_000;
/** How long a transient failure is remembered before the icon is tried again. */
const RETRY_AFTER_MS = 60_000;
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export class IconCache {
  private readonly memory = new Map<string, Promise<vscode.Uri | undefined>>();

  constructor(
    private readonly folder: vscode.Uri,
    private readonly http: () => HttpTransport,
    private readonly retryAfterMs = RETRY_AFTER_MS,
  ) {}

  /** The icon as a data: URI, or undefined when it cannot be had (refused, offline, 404, not an image). */
  get(url: string, apiBaseUrl: string): Promise<vscode.Uri | undefined> {
    if (!iconUrlAllowed(url, apiBaseUrl)) return Promise.resolve(undefined);
    const key = `${apiBaseUrl}\n${url}`;
    let pending = this.memory.get(key);
    if (!pending) {
      pending = this.fetch(url, apiBaseUrl).catch((e: unknown) => {
        // Worth another try later? Then forget the failure after a while.
        if (isRetryable(e)) {
          setTimeout(() => this.memory.delete(key), this.retryAfterMs).unref?.();
        }
        return undefined;
      });
      this.memory.set(key, pending);
    }
    return pending;
  }

  private async fetch(url: string, apiBaseUrl: string): Promise<vscode.Uri | undefined> {
    const file = vscode.Uri.joinPath(this.folder, createHash('sha256').update(url).digest('hex') + '.img');
    let bytes: Uint8Array | undefined;
    try {
      bytes = await vscode.workspace.fs.readFile(file);
    } catch {
      const res = await this.http().requestBuffer({
        method: 'GET',
        url: parseUrl(url, 'icon URL'),
        maxBytes: MAX_ICON_BYTES,
        deadlineMs: ICON_DEADLINE_MS,
        headers: { Accept: 'image/*' },
        // Every hop of a redirect follows the same rule as the icon URL itself.
        allowUrl: (hop) => iconUrlAllowed(hop, apiBaseUrl),
      });
      bytes = res.body;
      if (sniff(bytes)) {
        await vscode.workspace.fs.createDirectory(this.folder);
        await vscode.workspace.fs.writeFile(file, bytes);
      }
    }
    const type = sniff(bytes);
    return type ? vscode.Uri.parse(`data:${IMAGE_TYPES[type]};base64,${Buffer.from(bytes).toString('base64')}`) : undefined;
  }
}

/** The image type from its magic bytes (the Content-Type header is not trusted). */
function sniff(b: Uint8Array): keyof typeof IMAGE_TYPES | undefined {
  if (b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length > 6 && Buffer.from(b.subarray(0, 4)).toString('latin1') === 'GIF8') return 'gif';
  if (
    b.length > 12 &&
    Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return undefined;
}
