/** Entry of the audit-trail webview (bundled by esbuild.js into dist/webview/audit.main.js/.css). */
import './reports.css';
import './audit.css';
import { start } from './audit/app';
import { connect } from './audit/rpc';
import { vscodeApi } from './reports/vscodeApi';

const api = vscodeApi();
const rpc = connect(api);
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));
void start(root, api, rpc);
