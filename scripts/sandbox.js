#!/usr/bin/env node
// `npm run sandbox`: try the extension without Frame credentials, the way a user runs it. Packages
// the extension (.vsix, production build), starts the built-in Frame API simulator on 127.0.0.1,
// and opens a real VS Code with the .vsix installed and a demo connection ("Frame Simulator
// (demo)") added by a sandbox-only companion extension (test/host/demo-extension; the product
// itself has no demo code):
//   - desktop VS Code when `code` is on PATH (the .vsix and the companion installed into a
//     throwaway profile of its own);
//   - otherwise code-server on 127.0.0.1 (installed on first use like the test host), URL printed.
// Notifications, progress and Cancel show as for any installed extension. Ctrl+C stops the
// simulator and the editor and removes the throwaway folders. FRAME_SANDBOX=code-server forces
// code-server.
'use strict';
const { execFileSync, spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { ensureDependencies } = require('./ensure-deps');

const REPO = path.resolve(__dirname, '..');
const host = require(path.join(REPO, 'test/host/lib.js'));

function hasDesktopCode() {
  if (process.env.FRAME_SANDBOX === 'code-server') return false;
  const r = spawnSync('code', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && !/code-server/i.test(r.stdout);
}

async function main() {
  ensureDependencies('sandbox');
  const base = path.join(REPO, '.vscode-test', 'sandbox');
  const runDir = host.mkRunDir();
  const vsix = path.join(runDir, 'frame-admin.vsix');
  console.log('[sandbox] packaging the extension and building the simulator…');
  if (!hasDesktopCode()) host.ensureHost();
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'package.js'), path.relative(REPO, vsix)], { cwd: REPO, stdio: 'inherit' });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json'], { cwd: REPO, stdio: 'inherit' });
  const { startSimulator, DEMO_CREDENTIALS } = require(path.join(REPO, 'out/test/simulator'));
  const sim = await startSimulator({ port: Number(process.env.SIM_PORT || 0) });
  const demo = JSON.stringify({
    baseUrl: sim.webApiBase,
    adminBaseUrl: sim.adminApiBase,
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
    scheme: 'frame',
  });
  console.log(`[sandbox] Frame simulator: ${sim.webApiBase} (Admin API ${sim.adminApiBase})`);
  // Demo values, printed so that a newcomer can try the Add Connection wizard by hand.
  console.log(`[sandbox] demo credentials for "Frame: Add Connection" (scheme "Frame"):`);
  console.log(`  Web API base URL:   ${sim.webApiBase}`);
  console.log(`  Admin API base URL: ${sim.adminApiBase}`);
  console.log(`  client ID:          ${DEMO_CREDENTIALS.clientId}`);
  console.log(`  client secret:      ${DEMO_CREDENTIALS.clientSecret}`);

  const workspace = path.join(base, 'workspace');
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  for (const dir of [workspace, path.join(userDataDir, 'User'), extensionsDir]) fs.mkdirSync(dir, { recursive: true });
  let stopEditor = async () => {};

  if (hasDesktopCode()) {
    console.log('[sandbox] opening desktop VS Code with the .vsix installed in a sandbox profile…');
    const profile = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
    const companion = path.join(runDir, 'frame-admin-demo.vsix');
    host.packageExtension(host.DEMO_EXTENSION, companion, runDir);
    for (const ext of [vsix, companion]) execFileSync('code', [...profile, '--install-extension', ext, '--force'], { stdio: 'inherit' });
    const child = spawn('code', [...profile, '--new-window', workspace], {
      env: { ...process.env, FRAME_ADMIN_DEMO: demo },
      stdio: 'inherit',
    });
    child.on('error', (e) => console.error('[sandbox] could not start code:', e.message));
  } else {
    const settings = path.join(userDataDir, 'User', 'settings.json');
    const current = fs.existsSync(settings) ? JSON.parse(fs.readFileSync(settings, 'utf8') || '{}') : {};
    const defaults = {
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      // The sandbox workspace lives inside this repository: no "open the parent repository?" prompt.
      'git.openRepositoryInParentFolders': 'never',
    };
    fs.writeFileSync(settings, JSON.stringify({ ...defaults, ...current }, null, 2));
    for (const ext of [vsix, host.DEMO_EXTENSION]) host.installExtension({ runDir, userDataDir, extensionsDir, vsixOrFolder: ext });
    // FRAME_ADMIN_DEMO reaches the companion extension through code-server's environment.
    const server = await host.startCodeServer({ runDir, userDataDir, extensionsDir, env: { FRAME_ADMIN_DEMO: demo } });
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
    console.log(`\n[sandbox] VS Code (code-server ${host.codeServerVersion()}) with Frame Admin installed:\n\n  ${url}\n`);
    console.log('[sandbox] open it in a browser, then the "Frame" icon in the activity bar.');
    stopEditor = () => server.stop();
  }
  console.log('[sandbox] Ctrl+C to stop.');
  const stop = async () => {
    await stopEditor();
    await sim.close();
    fs.rmSync(runDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('[sandbox] failed:', e && e.message ? e.message : e);
  process.exit(1);
});
