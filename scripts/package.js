#!/usr/bin/env node
// `npm run package`: frame-admin-<version>.vsix with @vscode/vsce (installed into the test host's
// tools folder on first use). Bundle only: no node_modules (--no-dependencies), no sources or tests
// (.vscodeignore). vsce runs `vscode:prepublish`, the production build.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..');
const host = require(path.join(REPO, 'test/host/lib.js'));
const vsce = path.join(host.HOST_DIR, 'tools', 'node_modules', '@vscode', 'vsce', 'vsce');
if (!fs.existsSync(vsce)) host.ensureHost();
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const out = path.join(REPO, process.argv[2] || `${pkg.name}-${pkg.version}.vsix`);
// vsce 4 needs Node 22 or newer: run it with the test host's Node 24.
execFileSync(
  host.NODE24,
  [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
  { cwd: REPO, stdio: 'inherit' },
);
console.log(`[package] ${path.relative(REPO, out)}: ${(fs.statSync(out).size / 1024).toFixed(1)} KiB`);
