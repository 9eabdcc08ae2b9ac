#!/usr/bin/env node
// `node scripts/screenshots.js`: after `npm run test:e2e`, copies the e2e's screenshots that the
// README and the walkthrough show into docs/screenshots/ (README, not shipped) and, scaled down,
// media/walkthrough/ (shipped in the .vsix, so kept small: JPEG). Scaling is done by the test host's
// chromium. The images are real screenshots of the workbench, never drawn by hand.
'use strict';
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');
const host = require(path.join(REPO, 'test', 'host', 'lib.js'));
const E2E = path.join(REPO, '.vscode-test', 'e2e');

/** e2e screenshot → [README name, walkthrough name or null] */
const PICKS = {
  'team-members.png': ['tree.png', 'team-members.jpg'],
  'accounts.png': [null, 'accounts.jpg'],
  'add-connection-wrong-secret.png': ['wizard.png', 'add-connection.jpg'],
  'reports-usage-dark.png': ['reports-usage.png', null],
  'reports-sessions-dark.png': ['reports-sessions.png', 'reports.jpg'],
  'reports-sessions-light.png': ['reports-sessions-light.png', null],
  'reports-capacity-dark.png': ['reports-capacity.png', null],
  'reports-capacity-drilled.png': ['reports-capacity-drilled.png', null],
};

async function scale(page, from, to, width) {
  const data = fs.readFileSync(from).toString('base64');
  await page.setContent(
    `<html><body style="margin:0"><img id="i" src="data:image/png;base64,${data}" style="width:${width}px;display:block"></body></html>`,
  );
  const img = page.locator('#i');
  await img.waitFor();
  const box = await img.boundingBox();
  await page.setViewportSize({ width, height: Math.ceil(box.height) });
  // JPEG for what ships (the walkthrough), PNG for the README's sharper copies.
  await img.screenshot(to.endsWith('.jpg') ? { path: to, type: 'jpeg', quality: 80 } : { path: to });
}

async function main() {
  const runDir = host.mkRunDir();
  const context = await host.launchChromium({ runDir });
  const page = context.pages()[0] || (await context.newPage());
  try {
    for (const [shot, [readme, walkthrough]] of Object.entries(PICKS)) {
      const from = path.join(E2E, shot);
      if (!fs.existsSync(from)) throw new Error(`${shot} is missing: run npm run test:e2e first`);
      for (const [dir, name, width] of [
        ['docs/screenshots', readme, 1200],
        ['media/walkthrough', walkthrough, 640],
      ]) {
        if (!name) continue;
        fs.mkdirSync(path.join(REPO, dir), { recursive: true });
        const to = path.join(REPO, dir, name);
        await scale(page, from, to, width);
        console.log(`${path.relative(REPO, to)}: ${(fs.statSync(to).size / 1024).toFixed(0)} KiB`);
      }
    }
  } finally {
    await context.close();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
