// The qps-ploc pseudo locale for the integration host (`run-integration.js --pseudo-locale`):
// VS Code switches its display language only to a language it has a language pack for, so this
// registers an empty one (VS Code's own strings stay English) the way an installed pack is
// registered, in the server's languagepacks.json; then `--locale qps-ploc` really switches, and the
// extension host loads package.nls.qps-ploc.json and l10n/bundle.l10n.qps-ploc.json. Those two are
// generated here from the English ones by @vscode/l10n-dev's pseudo-localizer (accented and
// lengthened, placeholders kept), so any string the UI shows in plain ASCII did not go through l10n.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const LOCALE = 'qps-ploc';
const PACK_TRANSLATIONS = path.join(__dirname, 'pseudo-language-pack', 'main.i18n.json');

/** Writes package.nls.qps-ploc.json and l10n/bundle.l10n.qps-ploc.json beside the English ones in `extDir` (git-ignored). */
function generatePseudoBundles(extDir) {
  const cli = path.join(extDir, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
  for (const source of [path.join(extDir, 'package.nls.json'), path.join(extDir, 'l10n', 'bundle.l10n.json')]) {
    if (!fs.existsSync(source)) throw new Error(`${path.relative(extDir, source)} is missing: run \`npm run l10n\``);
    execFileSync(process.execPath, [cli, 'generate-pseudo', source], { cwd: extDir, stdio: 'pipe' });
  }
}

/** Registers the empty qps-ploc language pack in a fresh server user-data dir; returns the code-server flags. */
function pseudoLocaleArgs(userDataDir) {
  fs.mkdirSync(userDataDir, { recursive: true });
  const packs = {
    [LOCALE]: {
      hash: 'frame-admin-tests-pseudo',
      extensions: [{ extensionIdentifier: { id: 'frame-admin-tests.pseudo-language-pack' }, version: '1.0.0' }],
      translations: { vscode: PACK_TRANSLATIONS },
      label: 'Pseudo',
    },
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return ['--locale', LOCALE];
}

module.exports = { LOCALE, generatePseudoBundles, pseudoLocaleArgs };
