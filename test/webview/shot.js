// Screenshots of the Reports webview in the dev harness (test/webview/harness.ts), in chromium.
// Usage: node test/webview/shot.js [--no-build] [--rows=25000]
// Builds the webview (node esbuild.js), bundles the harness, serves it on 127.0.0.1, drives the
// page with playwright-core and writes PNGs to out/webview-shots/. Prints console errors, CSP
// violations, dialogs (an XSS would open one) and the first-chart timing; exits 1 on any of them.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const outDir = path.join(root, 'out', 'webview-shots');
const args = process.argv.slice(2);
const rowsArg = args.find((a) => a.startsWith('--rows='));

async function main() {
  if (!args.includes('--no-build')) execFileSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'inherit' });
  const bundle = path.join(root, 'out', 'webview-harness', 'harness.js');
  require('esbuild').buildSync({
    entryPoints: [path.join(__dirname, 'harness.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
  });
  const { startHarness } = require(bundle);
  const harness = await startHarness({ root, rowsPerMonth: rowsArg ? Number(rowsArg.slice(7)) : 25000 });
  const { chromium } = require(
    path.join(process.env.TEST_HOST_DIR || path.join(root, '.vscode-test', 'host'), 'tools', 'node_modules', 'playwright-core'),
  );
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  fs.mkdirSync(outDir, { recursive: true });
  const problems = [];
  const shots = [];
  const timings = [];

  async function open(query, width = 1280, height = 900) {
    harness.reset(); // a new panel each time: no UI state left by the previous page
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${query}: console.${m.type()}: ${m.text()}`);
      if (m.text().startsWith('[reports]')) console.log(`  ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${query}: page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`${query}: DIALOG OPENED (injection?): ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(harness.url + query);
    await page.waitForSelector('body[data-ready="true"]');
    // The harness host keeps the last saved state (like a panel after a reload): start on Usage.
    await page.click('[data-testid="tab-usage"]');
    return { page, context };
  }
  async function shot(page, name, opts = {}) {
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: opts.fullPage ?? true });
    shots.push(file);
  }
  async function loadSessions(page, months) {
    await page.click('[data-testid="tab-sessions"]');
    for (const m of months) {
      const cb = page.locator(`[data-testid="month-${m}"]`);
      if (!(await cb.evaluate((e) => e.checked))) await cb.click();
    }
    await page.evaluate(() => delete document.body.dataset.firstChartMs);
    await page.click('[data-testid="sessions-load"]');
    await page.waitForFunction(() => document.body.dataset.firstChartMs !== undefined, null, { timeout: 120000 });
    await page.waitForSelector('[data-testid="session-row"]:not(.loading)');
    return Number(await page.evaluate(() => document.body.dataset.firstChartMs));
  }

  const months = [
    '2026-11',
    '2026-10',
    '2026-09',
    '2026-08',
    '2026-07',
    '2026-06',
    '2026-05',
    '2026-04',
    '2026-03',
    '2026-02',
    '2026-01',
    '2025-12',
  ];
  for (const theme of ['dark', 'light']) {
    const { page, context } = await open(`?theme=${theme}`);
    await page.waitForSelector('[data-testid="usage-chart"] canvas');
    await page.waitForTimeout(300);
    await shot(page, `${theme}-usage`);
    // Hover a bar for the tooltip.
    const box = await page.locator('[data-testid="usage-chart"] .u-over').boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.waitForTimeout(100);
    await shot(page, `${theme}-usage-tooltip`, { fullPage: false });
    // All accounts, stacked by datacenter.
    await page.evaluate(() => {
      const s = document.querySelector('[data-testid="usage-scope"]');
      s.value = 'all';
      s.dispatchEvent(new Event('change'));
    });
    await page.waitForFunction(() => /all accounts/.test(document.querySelector('.summary-caption')?.textContent ?? ''));
    await page.evaluate(() => {
      const s = document.querySelector('[data-testid="usage-dimension"]');
      s.value = 'datacenter';
      s.dispatchEvent(new Event('change'));
    });
    await page.waitForTimeout(300);
    await shot(page, `${theme}-usage-all-accounts`);
    const ms = await loadSessions(page, months);
    timings.push({ theme, rows: await page.locator('[data-testid="sessions-count"]').textContent(), ms });
    await page.waitForTimeout(300);
    await shot(page, `${theme}-sessions`);
    // Scroll the table into the middle and sort by duration.
    await page.locator('[data-testid="sessions-table"] .vt-scroller').evaluate((e) => (e.scrollTop = e.scrollHeight / 2));
    await page.click('[data-testid="sort-duration"]');
    await page.locator('[data-testid="sessions-table"] .vt-scroller').evaluate((e) => (e.scrollTop = 24 * 1000));
    await page.waitForTimeout(400);
    await page.locator('[data-testid="sessions-table"]').scrollIntoViewIfNeeded();
    await shot(page, `${theme}-sessions-table`, { fullPage: false });
    const domRows = await page.locator('[data-testid="session-row"]').count();
    console.log(`  ${theme}: ${domRows} row elements in the DOM for ${timings[timings.length - 1].rows}`);
    await page.locator('[data-testid="sessions-filter"]').click();
    await page.keyboard.type('<img');
    await page.waitForFunction(() => /of/.test(document.querySelector('[data-testid="sessions-count"]').textContent));
    await page.waitForTimeout(300);
    await shot(page, `${theme}-sessions-filtered`, { fullPage: false });
    await context.close();
  }
  {
    const { page, context } = await open('?theme=hc', 900);
    await page.waitForSelector('[data-testid="usage-chart"] canvas');
    await shot(page, 'hc-usage');
    await loadSessions(page, ['2026-11']);
    await shot(page, 'hc-sessions');
    // Theme switch at run time: the charts must re-read the colours.
    await page.evaluate(() => window.__setTheme('light'));
    await page.waitForTimeout(300);
    await shot(page, 'hc-switched-to-light');
    await context.close();
  }
  {
    const { page, context } = await open('?theme=dark&fail=usage&months=error', 720);
    await page.waitForSelector('[data-testid="error-banner"][data-what="usage"]');
    await shot(page, 'narrow-error');
    await page.click('[data-testid="error-banner"][data-what="usage"] [data-testid="retry-button"]');
    await page.waitForSelector('[data-testid="usage-chart"] canvas');
    await page.waitForTimeout(200);
    await shot(page, 'narrow-after-retry');
    await page.click('[data-testid="tab-sessions"]');
    await shot(page, 'narrow-sessions-months-error');
    await context.close();
  }
  {
    // Progress and cancel.
    const { page, context } = await open('?theme=dark&slow=sessions');
    await page.click('[data-testid="tab-sessions"]');
    await page.locator('[data-testid="month-2025-11"]').click();
    await page.click('[data-testid="sessions-load"]');
    await page.waitForSelector('[data-testid="sessions-progress"]:not([hidden])');
    await page.waitForTimeout(250);
    await shot(page, 'dark-sessions-progress', { fullPage: false });
    await page.click('[data-testid="sessions-progress-cancel"]');
    await page.waitForSelector('[data-testid="sessions-cancelled"]');
    await shot(page, 'dark-sessions-cancelled', { fullPage: false });
    // Hide/show: a reload restores the tab and the choices from getState().
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const restored = await page.evaluate(() => document.querySelector('vscode-tabs').selectedIndex);
    if (restored !== 1) problems.push(`state not restored after reload: tab ${restored}`);
    await context.close();
  }
  await browser.close();
  await harness.close();
  const calls = harness.calls.reduce((m, c) => ((m[c.method] = (m[c.method] || 0) + 1), m), {});
  console.log('requests:', JSON.stringify(calls));
  console.log('screenshots:\n  ' + shots.join('\n  '));
  for (const t of timings) console.log(`first chart (${t.theme}, ${t.rows}): ${t.ms} ms`);
  if (problems.length) {
    console.log('PROBLEMS:\n  ' + problems.join('\n  '));
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
