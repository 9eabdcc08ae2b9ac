// Sandbox and e2e only (never part of the product): the sandbox starts the Frame simulator and puts
// its URL and demo credentials in FRAME_ADMIN_DEMO; this companion extension adds (or points at
// the new port) the "Frame Simulator (demo)" connection, and with `adminBaseUrl` also the
// simulator's Admin API, through Frame Admin's own API, so the installed .vsix carries no demo
// code at all.
'use strict';
const vscode = require('vscode');

const NAME = 'Frame Simulator (demo)';
const ADMIN_NAME = 'Frame Simulator Admin API (demo)';

/** Adds the connection, or points an existing one at the simulator's port of this run. */
async function ensure(api, name, fields, secret) {
  const existing = api.store.list().find((c) => c.name === name);
  if (existing) {
    // The simulator may listen on another port this time.
    if (existing.baseUrl !== fields.baseUrl) await api.store.update({ ...existing, baseUrl: fields.baseUrl });
    await api.store.storeSecret(existing.id, secret);
    return;
  }
  await vscode.commands.executeCommand('frameAdmin.addConnection', { name, ...fields, secret, verify: false });
}

exports.activate = async function activate() {
  let demo;
  try {
    demo = JSON.parse(process.env.FRAME_ADMIN_DEMO || 'null');
  } catch {
    return;
  }
  if (!demo || typeof demo.baseUrl !== 'string' || typeof demo.clientId !== 'string' || typeof demo.clientSecret !== 'string') return;
  const frame = vscode.extensions.getExtension('frame-admin.frame-admin');
  if (!frame) return;
  // Wait for Frame Admin to activate the way a user makes it (opening its view): activating it
  // here, during startup, would make its activation time look like startup's.
  while (!frame.isActive) await new Promise((resolve) => setTimeout(resolve, 300));
  const api = frame.exports;
  await ensure(api, NAME, { baseUrl: demo.baseUrl, clientId: demo.clientId, scheme: demo.scheme || 'frame' }, demo.clientSecret);
  // The sandbox also adds the simulator's Admin API (writable: publishing there changes nothing real).
  if (typeof demo.adminBaseUrl === 'string')
    await ensure(
      api,
      ADMIN_NAME,
      { baseUrl: demo.adminBaseUrl, clientId: demo.clientId, scheme: 'frame', readOnly: false },
      demo.clientSecret,
    );
};
