#!/usr/bin/env node
// `npm run sandbox`: try the extension without Frame credentials. Builds it, starts the built-in
// Frame API simulator on 127.0.0.1, and opens a real VS Code with the extension loaded and a demo
// connection configured (FRAME_ADMIN_DEMO, read once by the extension at activation):
//   - desktop VS Code when `code` is on PATH (an Extension Development Host window);
//   - otherwise code-server on 127.0.0.1 (installed on first use like the test host), URL printed.
// Ctrl+C stops the simulator and code-server. FRAME_SANDBOX=code-server forces code-server.
'use strict';
const { execFileSync, spawn, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: REPO, stdio: 'inherit' });

function hasDesktopCode() {
  if (process.env.FRAME_SANDBOX === 'code-server') return false;
  const r = spawnSync('code', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && !/code-server/i.test(r.stdout);
}

async function main() {
  console.log('[sandbox] building the extension and the simulator…');
  run('node', ['esbuild.js']);
  run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json']);
  const { startSimulator, DEMO_CREDENTIALS } = require(path.join(REPO, 'out/test/simulator'));
  const sim = await startSimulator({ port: Number(process.env.SIM_PORT || 0) });
  const demo = JSON.stringify({
    baseUrl: sim.webApiBase,
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
    scheme: 'frame',
  });
  console.log(`[sandbox] Frame simulator: ${sim.webApiBase} (Admin API ${sim.adminApiBase})`);

  const workspace = path.join(REPO, '.vscode-test', 'sandbox', 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  let stopEditor = async () => {};

  if (hasDesktopCode()) {
    console.log('[sandbox] opening desktop VS Code (Extension Development Host)…');
    const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${REPO}`, workspace], {
      env: { ...process.env, FRAME_ADMIN_DEMO: demo },
      stdio: 'inherit',
    });
    child.on('error', (e) => console.error('[sandbox] could not start code:', e.message));
  } else {
    const host = require(path.join(REPO, 'test/host/lib.js'));
    host.ensureHost();
    const base = path.join(REPO, '.vscode-test', 'sandbox');
    const userDataDir = path.join(base, 'user-data');
    const extensionsDir = path.join(base, 'extensions');
    fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
    fs.mkdirSync(extensionsDir, { recursive: true });
    const settings = path.join(userDataDir, 'User', 'settings.json');
    const current = fs.existsSync(settings) ? JSON.parse(fs.readFileSync(settings, 'utf8') || '{}') : {};
    const defaults = {
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'chat.disableAIFeatures': true,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    };
    fs.writeFileSync(settings, JSON.stringify({ ...defaults, ...current }, null, 2));
    const runDir = host.mkRunDir();
    const server = await host.startCodeServer({
      runDir,
      userDataDir,
      extensionsDir,
      extraArgs: host.supportsVscodeOption() ? ['--vscode-option', 'enable-smoke-test-driver'] : [],
      env: { FRAME_ADMIN_DEMO: demo },
    });
    const authority = new URL(server.url).host;
    // FRAME_ADMIN_DEMO reaches the extension host through code-server's environment, not the URL.
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    console.log(`\n[sandbox] VS Code (code-server ${host.codeServerVersion()}) with Frame Admin loaded:\n\n  ${url}\n`);
    console.log('[sandbox] open it in a browser, then the "Frame" icon in the activity bar.');
    stopEditor = () => server.stop();
  }
  console.log('[sandbox] Ctrl+C to stop.');
  const stop = async () => {
    await stopEditor();
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('[sandbox] failed:', e && e.message ? e.message : e);
  process.exit(1);
});
