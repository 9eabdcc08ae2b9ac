/** Small building blocks of every page: buttons, banners, progress, empty states, KPIs, sections, ranked lists. */
import * as l10n from '@vscode/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { toRpcError, type RpcError } from '../../src/protocol/rpc';
import { h, replace, setText } from './dom';
import { formatInt, formatPercent } from './format';

export function button(
  label: string,
  onClick: () => void,
  opts: { secondary?: boolean; testId?: string; ariaLabel?: string; title?: string } = {},
): HTMLElement {
  const b = h(
    'vscode-button',
    { secondary: opts.secondary, 'data-testid': opts.testId, 'aria-label': opts.ariaLabel, title: opts.title },
    label,
  );
  b.addEventListener('click', () => {
    if (!(b as HTMLElement & { disabled?: boolean }).disabled) onClick();
  });
  return b;
}

/** A compact text button (native: many of them sit inline in a line of text). */
export function linkButton(label: string, onClick: () => void, testId: string, ariaLabel: string): HTMLElement {
  const b = h('button', { type: 'button', class: 'link-button', 'data-testid': testId, 'aria-label': ariaLabel, title: ariaLabel }, label);
  b.addEventListener('click', onClick);
  return b;
}

export function setDisabled(el: HTMLElement, disabled: boolean): void {
  (el as HTMLElement & { disabled: boolean }).disabled = disabled;
}

/**
 * An inline error with a Retry button. Retry is offered even when the host says retrying will not
 * help (the user may have fixed the cause meanwhile, e.g. updated the secret).
 */
export function errorBanner(what: string, error: RpcError, retry?: () => void): HTMLElement {
  const text = h(
    'div',
    { class: 'banner-text' },
    h('strong', {}, `${error.retryable ? l10n.t('Could not load.') : l10n.t('Failed.')} `),
    error.message,
  );
  const actions = h('div', { class: 'banner-actions' });
  if (retry)
    actions.append(
      button(error.retryable ? l10n.t('Retry') : l10n.t('Try Again'), retry, { testId: 'retry-button', secondary: !error.retryable }),
    );
  return h(
    'div',
    { class: 'banner banner-error', role: 'alert', 'data-testid': 'error-banner', 'data-what': what },
    h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '!'),
    text,
    actions,
  );
}

export function warningBanner(testId: string, ...content: (Node | string)[]): HTMLElement {
  return h(
    'div',
    { class: 'banner banner-warning', role: 'status', 'data-testid': testId },
    h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '!'),
    h('div', { class: 'banner-text' }, ...content),
  );
}

/** A thin VS Code-style progress bar with a message and a Cancel button. */
export class ProgressView {
  readonly element: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly message: HTMLElement;

  constructor(testId: string, onCancel: () => void) {
    this.fill = h('div', { class: 'progress-fill' });
    this.bar = h('div', { class: 'progress-bar indeterminate', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 }, this.fill);
    this.message = h('span', { class: 'progress-message', 'aria-live': 'polite' });
    this.element = h(
      'div',
      { class: 'progress', 'data-testid': testId, hidden: true },
      this.bar,
      h(
        'div',
        { class: 'progress-row' },
        this.message,
        button(l10n.t('Cancel'), onCancel, { secondary: true, testId: `${testId}-cancel` }),
      ),
    );
  }

  start(message: string): void {
    this.element.hidden = false;
    this.update(message);
  }

  update(message: string, fraction?: number): void {
    setText(this.message, message);
    this.bar.setAttribute('aria-label', message);
    const known = fraction !== undefined && Number.isFinite(fraction);
    this.bar.classList.toggle('indeterminate', !known);
    if (known) {
      const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
      this.fill.style.width = `${pct}%`;
      this.bar.setAttribute('aria-valuenow', String(pct));
    } else {
      this.fill.style.width = '';
      this.bar.removeAttribute('aria-valuenow');
    }
  }

  stop(): void {
    this.element.hidden = true;
  }
}

export function kpi(label: string, value: string, testId: string, detail?: string): HTMLElement {
  return h(
    'div',
    { class: 'kpi' },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value', 'data-testid': testId }, value),
    detail ? h('div', { class: 'kpi-detail' }, detail) : null,
  );
}

export function emptyState(testId: string, title: string, text: string, ...actions: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'empty', 'data-testid': testId },
    h('div', { class: 'empty-title' }, title),
    h('p', {}, text),
    actions.length ? h('div', { class: 'empty-actions' }, ...actions) : null,
  );
}

/**
 * A table's column title that wraps between words and adds only its longest word to the column's
 * width (kit.css `.th-text`), so the values set the widths; numeric columns align right.
 */
export function columnHeader(title: string, numeric: boolean): HTMLElement {
  return h('th', { scope: 'col', class: numeric ? 'num' : '' }, h('span', { class: 'th-text' }, title));
}

export function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h3', {}, title), ...children);
}

/**
 * A ranked list with proportional bars: compact, readable, and real text for screen readers.
 * `topOf` says how many are shown of how many (a whole sentence, e.g. "Top {0} of {1} users").
 */
export function rankedList(
  testId: string,
  items: { key: string; count: number }[],
  total: number,
  distinct: number,
  topOf: (shown: string, distinct: string) => string,
): HTMLElement {
  const max = Math.max(1, ...items.map((i) => i.count));
  const list = h('ol', { class: 'ranked', 'data-testid': testId });
  for (const item of items) {
    const bar = h('span', { class: 'ranked-bar', 'aria-hidden': 'true' });
    const key = item.key || l10n.t('(empty)');
    bar.style.width = `${(item.count / max) * 100}%`;
    list.append(
      h(
        'li',
        { title: l10n.t('{0}: {1} sessions ({2})', key, formatInt(item.count), formatPercent(total ? item.count / total : 0)) },
        h('span', { class: 'ranked-key' }, key),
        h('span', { class: 'ranked-count' }, formatInt(item.count)),
        h('span', { class: 'ranked-track' }, bar),
      ),
    );
  }
  const wrap = h('div', {}, list);
  if (distinct > items.length) wrap.append(h('div', { class: 'muted small' }, topOf(formatInt(items.length), formatInt(distinct))));
  if (!items.length) replace(wrap, h('div', { class: 'muted' }, l10n.t('None')));
  return wrap;
}

/** A page's first request: `loading` shown meanwhile; on failure an error banner whose Retry starts the page again. */
export async function firstRequest<T>(
  root: HTMLElement,
  loading: HTMLElement,
  request: () => Promise<T>,
  restart: () => void,
): Promise<T | undefined> {
  replace(root, loading);
  try {
    return await request();
  } catch (e) {
    replace(root, errorBanner('init', toRpcError(e), restart));
    return undefined;
  }
}
