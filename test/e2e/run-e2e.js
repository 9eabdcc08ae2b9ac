#!/usr/bin/env node
// End-to-end: the packaged extension as a user gets it. Packages the .vsix (bundle only), checks
// what is inside, installs it into code-server with --install-extension, starts the Frame
// simulator, and drives the real workbench in headless chromium: activity bar → Frame → expand the
// demo connection and an account → Team Members → open Recent Sessions → Add Connection through
// the multi-step input. Saves screenshots to .vscode-test/e2e/ (look at them).
// Exit 0 when every step passed; prints "N passed, N failed".
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const lib = require('../host/lib');

const REPO = lib.REPO;
const OUT = path.join(REPO, '.vscode-test', 'e2e');
const XSS_NAME = 'QA Lab <img src=x onerror=alert(1)>';

const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  ✘ ${name}\n    ${String(e && e.message ? e.message : e).split('\n').slice(0, 6).join('\n    ')}`);
    throw e;
  }
}

/** The .vsix's file list, read with the project's own zip reader dependency. */
function vsixEntries(file) {
  const yauzl = require(path.join(REPO, 'node_modules', 'yauzl'));
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names = [];
      zip.on('entry', (e) => { names.push(e.fileName); zip.readEntry(); });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

async function main() {
  const t0 = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  lib.ensureHost();
  const vsix = path.join(OUT, 'frame-admin.vsix');
  console.log('e2e: packaging and installing the extension');
  await step('npm run package builds a .vsix with the bundle only', async () => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts', 'package.js'), path.relative(REPO, vsix)], { cwd: REPO, stdio: 'pipe' });
    const names = await vsixEntries(vsix);
    const bad = names.filter((n) => /(^|\/)(node_modules|src|test|bench|\.vscode-test)\//.test(n) || /\.(ts|map)$/.test(n));
    if (bad.length) throw new Error('unexpected files in the .vsix: ' + bad.slice(0, 10).join(', '));
    // vsce lower-cases readme.md and changelog.md and renames LICENSE to LICENSE.txt.
    for (const need of ['extension/dist/extension.js', 'extension/package.json', 'extension/media/frame.svg', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt']) {
      if (!names.includes(need)) throw new Error(`missing ${need}; has ${names.join(', ')}`);
    }
    console.log(`    ${names.length} files, ${(fs.statSync(vsix).size / 1024).toFixed(1)} KiB`);
  });

  const runDir = lib.mkRunDir();
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const workspace = path.join(runDir, 'workspace');
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, workspace]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false,
    'workbench.colorTheme': process.env.E2E_THEME || 'Default Dark Modern', 'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false,
    // Tree tooltips would otherwise pop up under the pointer and cover the next row to click.
    'workbench.hover.delay': 60000,
  }));

  await step('code-server --install-extension installs the .vsix', async () => {
    const iso = lib.isolatedEnv(runDir, 'installer');
    const out = execFileSync(lib.NODE24, [lib.CODE_SERVER_ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], { encoding: 'utf8', env: lib.cleanEnv(iso) });
    if (!fs.readdirSync(extensionsDir).some((d) => d.startsWith('frame-admin.frame-admin-'))) throw new Error('not installed: ' + out);
  });

  const { startSimulator, DEMO_CREDENTIALS } = require(path.join(REPO, 'out', 'test', 'simulator'));
  const sim = await startSimulator();
  const demo = JSON.stringify({ baseUrl: sim.webApiBase, clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret });
  const server = await lib.startCodeServer({ runDir, userDataDir, extensionsDir, env: { FRAME_ADMIN_DEMO: demo } });
  const context = await lib.launchChromium({ runDir });
  const page = context.pages()[0] || (await context.newPage());
  const alerts = [];
  page.on('dialog', (d) => { alerts.push(d.message()); void d.dismiss(); });
  const shot = async (name) => {
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(`    screenshot: ${path.relative(REPO, file)}`);
  };
  const tree = (view) => page.locator(`[id="workbench.view.extension.frameAdmin"] .pane:has(.pane-header[aria-label^="${view}"])`);
  const row = (view, text) => tree(view).locator('.monaco-list-row', { hasText: text }).first();

  let failed = false;
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });

    console.log('e2e: the installed extension in the workbench');
    await step('activity bar → Frame shows the demo connection', async () => {
      await page.locator('.activitybar [aria-label^="Frame"]').first().click();
      await row('Accounts', 'Frame Simulator (demo)').waitFor({ timeout: 60_000 });
    });

    await step('expanding the connection lists the simulator accounts, names rendered as text', async () => {
      await row('Accounts', 'Frame Simulator (demo)').click();
      for (const a of sim.data.accounts) await row('Accounts', a.name).waitFor({ timeout: 30_000 });
      const text = await tree('Accounts').innerText();
      if (!text.includes(XSS_NAME)) throw new Error('the account name with markup is not shown as text');
      if (alerts.length) throw new Error('a script ran: ' + alerts.join(', '));
      await shot('accounts');
    });

    await step('selecting an account fills Team Members and Applications', async () => {
      const acme = sim.data.accounts.find((a) => a.account_id === sim.data.bigAccountId);
      await row('Accounts', acme.name).click();
      await row('Accounts', 'Recent Sessions').waitFor({ timeout: 30_000 });
      const member = [...sim.data.teamMembers(acme.account_id)].sort((a, b) => (a.name || a.email).localeCompare(b.name || b.email))[0];
      await row('Team Members', member.name).waitFor({ timeout: 30_000 });
      // ("Load more" sits below the virtualized rows in view; the integration suite covers it.)
      await tree('Team Members').locator('.pane-header', { hasText: acme.name }).waitFor({ timeout: 10_000 });
      await row('Applications', sim.data.applications(acme.account_id)[0].name).waitFor({ timeout: 30_000 });
      await shot('team-members');
    });

    await step('Recent Sessions opens the CSV in a read-only editor tab', async () => {
      await row('Accounts', 'Recent Sessions').click();
      const tab = page.locator('.tabs-container .tab', { hasText: '.recent_sessions.csv' }).first();
      await tab.waitFor({ timeout: 30_000 });
      await page.locator('.editor-instance .view-lines', { hasText: 'username' }).first().waitFor({ timeout: 30_000 });
      await shot('recent-sessions');
    });

    await step('Frame: Add Connection walks through the multi-step input and saves a verified connection', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input[type="text"], .quick-input-widget input:not([type])').first();
      await input.waitFor({ timeout: 10_000 });
      await input.fill('>Frame: Add Connection');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Frame: Add Connection' }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      const typeAndEnter = async (value, expectPrompt) => {
        await page.locator('.quick-input-widget', { hasText: expectPrompt }).first().waitFor({ timeout: 10_000 });
        await page.keyboard.press('Control+A');
        await page.keyboard.type(value);
        await page.keyboard.press('Enter');
      };
      await typeAndEnter('Simulator via wizard', 'A name for this connection');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Custom base URL' }).first().click();
      await typeAndEnter(sim.webApiBase, 'API base URL');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Frame signature' }).first().click();
      await typeAndEnter(DEMO_CREDENTIALS.clientId, 'Client ID');
      await typeAndEnter(DEMO_CREDENTIALS.clientSecret, 'Client secret');
      await row('Accounts', 'Simulator via wizard').waitFor({ timeout: 30_000 });
      await shot('add-connection');
    });
  } catch {
    failed = true;
    await shot('failure').catch(() => undefined);
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
    await sim.close();
    if (!failed) fs.rmSync(runDir, { recursive: true, force: true });
    else console.log(`kept ${runDir} (code-server.log, user-data/logs)`);
  }
  const passed = results.filter((r) => r.ok).length;
  console.log(`e2e took ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(REPO, OUT)}/`);
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

main().catch((e) => {
  console.error('e2e: infrastructure error:', e && e.stack ? e.stack : e);
  process.exit(2);
});
