import * as util from 'node:util';

/**
 * Prefix of every line the in-host runner wants the driver to print.
 *
 * In a test run the extension host's console goes to the workbench log stream, mixed with the
 * workbench's own messages, and `console.log` there cannot be reassigned (the extension host
 * defines it with a no-op setter). So mocha's reporter is routed through
 * `Mocha.reporters.Base.consoleLog` = {@link log}, which marks its lines; the code-server driver
 * (test/host/run-integration.js) prints only marked lines unless --verbose.
 * Under @vscode/test-electron the same lines appear on stdout, marker included.
 */
export const MARK = '[ext-tests] ';

/** console.log with the marker: output a test wants to show in the driver's report. */
export function log(...args: unknown[]): void {
  console.log(MARK + util.format(...args));
}
