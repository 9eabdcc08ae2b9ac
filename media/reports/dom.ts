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

export function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}

export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
): ((...args: A) => void) & { cancel(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: A | undefined;
  const d = (...args: A) => {
    last = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  d.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  d.flush = () => {
    if (timer === undefined || !last) return;
    clearTimeout(timer);
    timer = undefined;
    fn(...last);
  };
  return d;
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
