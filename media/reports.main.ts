/** Entry of the Reports webview (bundled by esbuild.js into dist/webview/reports.main.js/.css). */
// First: the display language's strings, before any other module runs.
import './shared/l10n';
import * as l10n from '@vscode/l10n';
import './shared/kit.css';
import './reports.css';
import type { ReportsHostNotifications, ReportsRequests } from '../src/protocol/reports';
import { ReportsPage } from './reports/page';
import { sanitize } from './reports/uiState';
import { mountPage } from './shared/page';
import { connect } from './shared/rpc';
import { vscodeApi } from './shared/vscodeApi';
import { emptyState } from './shared/widgets';

const api = vscodeApi();
const rpc = connect<ReportsRequests, ReportsHostNotifications>(api);
void mountPage({
  root: document.getElementById('app') ?? document.body.appendChild(document.createElement('div')),
  api,
  loading: () => emptyState('loading', l10n.t('Loading reports…'), l10n.t('Reading the account and its report list.')),
  init: () => rpc.request('init', null),
  saveState: (ui) => rpc.request('saveState', ui),
  sanitize,
  page: (context) => new ReportsPage(rpc, context),
});
