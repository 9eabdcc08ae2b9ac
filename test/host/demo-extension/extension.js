// Sandbox and e2e only (never part of the product): the sandbox starts the Frame simulator and puts
// its URL and demo credentials in FRAME_ADMIN_DEMO; this companion extension adds (or points at
// the new port) the "Frame Simulator (demo)" connection through Frame Admin's own API, so the
// installed .vsix carries no demo code at all.
'use strict';
const vscode = require('vscode');

const NAME = 'Frame Simulator (demo)';

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
  const existing = api.store.list().find((c) => c.name === NAME);
  if (existing) {
    // The simulator may listen on another port this time.
    if (existing.baseUrl !== demo.baseUrl) await api.store.update({ ...existing, baseUrl: demo.baseUrl });
    await api.store.storeSecret(existing.id, demo.clientSecret);
    return;
  }
  await vscode.commands.executeCommand('frameAdmin.addConnection', {
    name: NAME,
    baseUrl: demo.baseUrl,
    clientId: demo.clientId,
    secret: demo.clientSecret,
    scheme: demo.scheme || 'frame',
    verify: false,
  });
};
