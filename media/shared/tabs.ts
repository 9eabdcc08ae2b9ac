/** Tabs of a page (vscode-elements): each tab an object with its element, activated when shown. */
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import { h } from './dom';

export interface Tab<Id extends string = string> {
  readonly id: Id;
  readonly title: string;
  readonly element: HTMLElement;
  /** The tab was shown (the first time: load what it shows). */
  activate(): void;
}

/** Shows tab `index` of a strip made by tabStrip (for a page that moves the user to another tab); the caller activates it. */
export function showTab(strip: HTMLElement, index: number): void {
  (strip as HTMLElement & { selectedIndex: number }).selectedIndex = index;
}

/** The tab strip; test ids `tab-<id>` and `panel-<id>`. `onSelect` runs after the tab was activated. */
export function tabStrip<Id extends string>(
  label: string,
  tabs: readonly Tab<Id>[],
  selected: Id,
  onSelect: (id: Id) => void,
): HTMLElement {
  const strip = h('vscode-tabs', { 'data-testid': 'tabs', 'aria-label': label }) as HTMLElement & { selectedIndex: number };
  for (const tab of tabs)
    strip.append(
      h('vscode-tab-header', { slot: 'header', 'data-testid': `tab-${tab.id}` }, tab.title),
      h('vscode-tab-panel', { 'data-testid': `panel-${tab.id}` }, tab.element),
    );
  strip.selectedIndex = Math.max(
    0,
    tabs.findIndex((t) => t.id === selected),
  );
  strip.addEventListener('vsc-tabs-select', (e) => {
    const tab = tabs[e.detail.selectedIndex] ?? tabs[0];
    if (!tab) return;
    onSelect(tab.id);
    tab.activate();
  });
  return strip;
}
