/**
 * Tiny DOM builder. Every value goes in through textContent or setAttribute, never innerHTML:
 * report data (account, user and application names) is untrusted text.
 */
type Attrs = Record<string, string | number | boolean | undefined | null>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replaces all children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** A table header cell's sort state: aria-sort, the "sorted" class and its ▲/▼ indicator. */
export function markSorted(cell: HTMLElement, descending: boolean | undefined): void {
  cell.setAttribute('aria-sort', descending === undefined ? 'none' : descending ? 'descending' : 'ascending');
  cell.classList.toggle('sorted', descending !== undefined);
  setText(cell.querySelector('.vt-sort-indicator')!, descending === undefined ? '' : descending ? '▼' : '▲');
}

/** Calls `fn` once on the next animation frame however often it is asked for before then. */
export function onNextFrame(fn: () => void): () => void {
  let frame = 0;
  return () => {
    if (!frame)
      frame = requestAnimationFrame(() => {
        frame = 0;
        fn();
      });
  };
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** The width of `text` in the page's font (bold: a table header's weight). */
export function measureInPage(text: string, bold: boolean): number {
  measureContext ??= document.createElement('canvas').getContext('2d');
  const style = getComputedStyle(document.body);
  if (!measureContext) return text.length * 8;
  measureContext.font = `${bold ? 600 : style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return measureContext.measureText(text).width;
}
