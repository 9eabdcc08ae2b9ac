/**
 * Application icons: downloaded once (no Frame headers: icon hosts are not the API), cached on
 * disk in the extension's global storage and in memory, and shown as data: URIs. Anything that is
 * not a small PNG/JPEG/GIF/WebP is ignored and the view falls back to a codicon.
 */
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import type { HttpTransport } from '../core/http/transport';
import { parseUrl } from '../core/http/urls';

const MAX_ICON_BYTES = 256 * 1024;
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp' };

export class IconCache {
  private readonly memory = new Map<string, Promise<vscode.Uri | undefined>>();

  constructor(
    private readonly folder: vscode.Uri,
    private readonly http: () => HttpTransport,
  ) {}

  /**
   * The icon as a data: URI, or undefined when it cannot be had (offline, 404, not an image).
   * `apiBaseUrl` is the connection's API: icons follow its URL rules (see iconUrlAllowed).
   */
  get(url: string, _apiBaseUrl: string): Promise<vscode.Uri | undefined> {
    let pending = this.memory.get(url);
    if (!pending) {
      pending = this.fetch(url).catch(() => undefined);
      this.memory.set(url, pending);
    }
    return pending;
  }

  private async fetch(url: string): Promise<vscode.Uri | undefined> {
    const file = vscode.Uri.joinPath(this.folder, createHash('sha256').update(url).digest('hex') + '.img');
    let bytes: Uint8Array | undefined;
    try {
      bytes = await vscode.workspace.fs.readFile(file);
    } catch {
      const res = await this.http().requestBuffer({
        method: 'GET',
        url: parseUrl(url, 'icon URL'),
        maxBytes: MAX_ICON_BYTES,
        headers: { Accept: 'image/*' },
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
