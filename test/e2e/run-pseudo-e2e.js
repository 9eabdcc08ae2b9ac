#!/usr/bin/env node
// End-to-end in VS Code's qps-ploc pseudo locale: the packaged extension installed as a user gets
// it, with the pseudo-localized bundles of test/host/pseudoLocale.js beside its English ones, driven
// in chromium as in run-e2e.js: the Frame view, then the reports panel with sessions loaded, on every tab. Every word the
// side bar and each webview tab show (text, titles, aria-labels, placeholders) must come out
// accented, unless it is data the simulator served (account, member, application names, the
// reports' own values) or a month or weekday name (dates follow the display language's Intl formats,
// which for qps-ploc are English). A plain-ASCII word is a string that missed localization: the step
// lists each with where it was. Screenshots in .vscode-test/e2e-pseudo/ (look at them).
// Exit 0 when every step passed; prints "N passed, N failed".
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const lib = require('../host/lib');
const { generatePseudoBundles, pseudoLocaleArgs } = require('../host/pseudoLocale');
const { step, finishRun, workbenchFolders } = require('./steps');

const REPO = lib.REPO;
const OUT = path.join(REPO, '.vscode-test', 'e2e-pseudo');
const { addWords, unlocalizedWords } = require(path.join(REPO, 'out', 'test', 'support', 'pseudoWords'));

/** The workbench's own words around a view's items (VS Code's strings: its language pack here is empty). */
const WORKBENCH = [
  /, has actions$/gm,
  /^Actions for /gm,
  /^More Actions\.\.\.$/gm,
  /^Collapse All$/gm,
  /^Progress$/gm,
  / Section$/gm,
  / actions$/gm,
];

/** Every word the simulator serves (names, values of every report row and usage record) and the month and weekday names. */
function dataWords(sim) {
  const words = new Set();
  const d = sim.data;
  addWords([d.accounts, d.tenant, d.registrationUsers], words);
  // The report's own column names ("matched by username"): the names Frame's CSV header gives.
  addWords(require(path.join(REPO, 'out', 'src', 'core', 'reports', 'columns')).SESSION_COLUMNS, words);
  for (const a of d.accounts) {
    addWords([d.teamMembers(a.account_id), d.applications(a.account_id), d.usage(a.account_id), d.recentSessionRows(a.account_id)], words);
    for (const m of d.reportMonths) addWords(d.monthlyReportRows(a.account_id, m.year, m.month), words);
  }
  for (let i = 0; i < 12; i++)
    for (const month of ['short', 'long']) addWords(new Date(Date.UTC(2026, i, 15)).toLocaleString('en-US', { month }), words);
  for (let i = 0; i < 7; i++)
    for (const weekday of ['short', 'long']) addWords(new Date(Date.UTC(2026, 0, 5 + i)).toLocaleString('en-US', { weekday }), words);
  return words;
}

/** The text of a frame's document (every tab's, not only the one shown) and every title, aria-label and placeholder in it. */
async function textsOf(locator) {
  return locator.evaluate((root) => {
    // Code shown as code (a JSON example, a setting's name) is not prose; scripts and styles are not shown.
    const prose = root.cloneNode(true);
    for (const el of prose.querySelectorAll('code, script, style, template')) el.remove();
    // Text node by text node: neighbouring elements' texts must not run together into one "word".
    const walker = document.createTreeWalker(prose, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) parts.push(walker.currentNode.data);
    const texts = [parts.join('\n')];
    for (const el of root.querySelectorAll('[title], [aria-label], [placeholder]'))
      for (const a of ['title', 'aria-label', 'placeholder']) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
    return texts;
  });
}

async function main() {
  const t0 = Date.now();
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  lib.ensureHost();
  const vsix = path.join(OUT, 'frame-admin.vsix');
  const pseudo = JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.json'), 'utf8')); // replaced below by the pseudo strings
  const { runDir, userDataDir, extensionsDir, workspace } = workbenchFolders(lib);
  const localeArgs = pseudoLocaleArgs(userDataDir);

  console.log('pseudo-locale e2e: packaging and installing the extension with pseudo-localized bundles');
  await step('the packaged extension installed, with package.nls.qps-ploc.json and l10n/bundle.l10n.qps-ploc.json beside it', async () => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts', 'package.js'), path.relative(REPO, vsix)], { cwd: REPO, stdio: 'pipe' });
    generatePseudoBundles(REPO);
    Object.assign(pseudo, JSON.parse(fs.readFileSync(path.join(REPO, 'package.nls.qps-ploc.json'), 'utf8')));
    const iso = lib.isolatedEnv(runDir, 'installer');
    execFileSync(
      lib.NODE24,
      [lib.CODE_SERVER_ENTRY, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
      { encoding: 'utf8', env: lib.cleanEnv(iso) },
    );
    const installed = fs.readdirSync(extensionsDir).find((d) => d.startsWith('frame-admin.frame-admin-'));
    if (!installed) throw new Error('not installed');
    // As a language pack's translations would be: the same files, in the installed extension's folder.
    fs.copyFileSync(path.join(REPO, 'package.nls.qps-ploc.json'), path.join(extensionsDir, installed, 'package.nls.qps-ploc.json'));
    fs.copyFileSync(
      path.join(REPO, 'l10n', 'bundle.l10n.qps-ploc.json'),
      path.join(extensionsDir, installed, 'l10n', 'bundle.l10n.qps-ploc.json'),
    );
    lib.installExtension({ runDir, userDataDir, extensionsDir, vsixOrFolder: lib.DEMO_EXTENSION });
  });

  const { startSimulator, DEMO_CREDENTIALS } = require(path.join(REPO, 'out', 'test', 'simulator'));
  const sim = await startSimulator({ sessionsPerMonth: 1500 });
  const data = dataWords(sim);
  const demo = JSON.stringify({
    baseUrl: sim.webApiBase,
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
  });
  // The demo connection's name is the companion extension's, not a string of the product.
  addWords('Frame Simulator (demo)', data);
  const server = await lib.startCodeServer({ runDir, userDataDir, extensionsDir, env: { FRAME_ADMIN_DEMO: demo }, extraArgs: localeArgs });
  const context = await lib.launchChromium({ runDir });
  const page = context.pages()[0] || (await context.newPage());
  const shot = async (name) => {
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(`    screenshot: ${path.relative(REPO, file)}`);
  };
  const findings = [];
  const check = (where, texts) => {
    for (const text of texts) {
      const words = unlocalizedWords(text, data, WORKBENCH);
      if (words.length) findings.push(`${where}: ${[...new Set(words)].join(', ')}  «${text.replace(/\s+/g, ' ').slice(0, 140)}»`);
    }
  };
  const sideBar = page.locator('[id="workbench.view.extension.frameAdmin"]');
  const webview = () => page.frameLocator('iframe.webview.ready >> visible=true').first().frameLocator('#active-frame');

  let failed = false;
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    console.log('pseudo-locale e2e: the workbench in qps-ploc');

    await step('the Frame view: its title, sections, the demo connection and an account, every word localized or data', async () => {
      await page.waitForTimeout(3000);
      await page.locator(`.activitybar [aria-label^="${pseudo['viewsContainers.frameAdmin.title']}"]`).first().click({ timeout: 30_000 });
      const connection = sideBar.locator('.monaco-list-row', { hasText: 'Frame Simulator (demo)' }).first();
      await connection.waitFor({ timeout: 60_000 });
      await connection.click();
      if ((await connection.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
      const acme = sim.data.accounts.find((a) => a.account_id === sim.data.bigAccountId);
      await sideBar.locator('.monaco-list-row', { hasText: acme.name }).first().click({ timeout: 30_000 });
      await page.waitForTimeout(2000); // Team Members and Applications fill for the selected account
      await shot('frame-view');
      check('side bar', await textsOf(sideBar));
    });

    await step('the reports panel, tab by tab: every word localized or data', async () => {
      await page.keyboard.press('F1');
      const title = `${pseudo['frameAdmin.category']}: ${pseudo['frameAdmin.showReports.title']}`;
      await page.keyboard.type(title);
      await page.locator('.quick-input-list .monaco-list-row').first().click({ timeout: 10_000 });
      await webview().locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
      // Sessions loaded (the month selected at first, and the last 24 h), so that the tables, KPIs,
      // Capacity, Experience and People show their words, not only their empty states.
      await webview().locator('[data-testid="tab-sessions"]').click();
      await webview().locator('[data-testid="month-recent"]').click();
      await webview().locator('[data-testid="sessions-load"]').click();
      await webview().locator('[data-testid="session-row"]').first().waitFor({ timeout: 120_000 });
      await page.waitForTimeout(1000);
      const tabs = webview().locator('vscode-tab-header[data-testid^="tab-"]');
      const ids = await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      if (ids.length < 3) throw new Error(`only ${ids.length} tabs`);
      for (const id of ids) {
        await webview().locator(`[data-testid="${id}"]`).click();
        await page.waitForTimeout(2500);
        await shot(`reports-${id}`);
        check(`reports ${id}`, await textsOf(webview().locator('body')));
      }
      check('editor tab title', [await page.locator('.tabs-container .tab.active').first().innerText()]);
      if (findings.length) throw new Error(`${findings.length} texts with words that did not go through l10n:\n${findings.join('\n')}`);
    });
  } catch {
    failed = true;
    await shot('failure').catch(() => undefined);
  }
  await finishRun({ name: 'pseudo-locale e2e', failed, runDir, t0, screenshots: path.relative(REPO, OUT), context, server, sim });
}

main().catch((e) => {
  console.error('pseudo-locale e2e: infrastructure error:', e && e.stack ? e.stack : e);
  process.exit(2);
});
