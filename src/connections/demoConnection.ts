/**
 * The sandbox (`npm run sandbox`) starts the built-in Frame simulator and passes its URL and demo
 * credentials in FRAME_ADMIN_DEMO; the extension then adds a "Frame Simulator (demo)" connection
 * once, secret into SecretStorage like any other. Without that variable this does nothing.
 */
import { isScheme } from '../core/signing';
import type { ConnectionStore } from './connectionStore';

export const DEMO_CONNECTION_NAME = 'Frame Simulator (demo)';

export async function ensureDemoConnection(store: ConnectionStore, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const raw = env.FRAME_ADMIN_DEMO;
  if (!raw) return false;
  let demo: { baseUrl?: unknown; clientId?: unknown; clientSecret?: unknown; scheme?: unknown };
  try {
    demo = JSON.parse(raw) as typeof demo;
  } catch {
    return false;
  }
  if (typeof demo.baseUrl !== 'string' || typeof demo.clientId !== 'string' || typeof demo.clientSecret !== 'string') return false;
  const existing = store.list().find((c) => c.name === DEMO_CONNECTION_NAME);
  if (existing) {
    // The simulator may listen on another port this time.
    if (existing.baseUrl !== demo.baseUrl) await store.update({ ...existing, baseUrl: demo.baseUrl });
    await store.storeSecret(existing.id, demo.clientSecret);
    return true;
  }
  await store.add(
    { name: DEMO_CONNECTION_NAME, baseUrl: demo.baseUrl, clientId: demo.clientId, scheme: isScheme(demo.scheme) ? demo.scheme : 'frame' },
    demo.clientSecret,
  );
  return true;
}
