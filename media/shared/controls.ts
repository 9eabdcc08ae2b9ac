/** Form controls (vscode-elements) wrapped so callers deal with plain values and callbacks. */
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import { h } from './dom';

type ValueElement = HTMLElement & { value: string };
type CheckElement = HTMLElement & { checked: boolean };

let nextId = 0;

export interface Select<T extends string> {
  element: HTMLElement;
  get value(): T;
  set value(v: T);
}

export function select<T extends string>(
  label: string,
  options: { value: T; label: string }[],
  value: T,
  onChange: (v: T) => void,
  testId: string,
): Select<T> {
  const id = `ctl-${++nextId}`;
  const el = h('vscode-single-select', { id, 'data-testid': testId, 'aria-label': label }) as ValueElement;
  for (const o of options) el.append(h('vscode-option', { value: o.value, selected: o.value === value }, o.label));
  el.value = value;
  el.addEventListener('change', () => onChange(el.value as T));
  const element = h('div', { class: 'field' }, h('label', { for: id }, label), el);
  return {
    element,
    get value() {
      return el.value as T;
    },
    set value(v: T) {
      el.value = v;
    },
  };
}

export interface DateField {
  element: HTMLElement;
  input: ValueElement;
}

export function dateField(label: string, value: string, onChange: (v: string) => void, testId: string): DateField {
  const id = `ctl-${++nextId}`;
  const input = h('vscode-textfield', { id, type: 'date', 'data-testid': testId, 'aria-label': label }) as ValueElement;
  input.value = value;
  input.addEventListener('change', () => onChange(input.value));
  return { element: h('div', { class: 'field' }, h('label', { for: id }, label), input), input };
}

export function textField(
  placeholder: string,
  value: string,
  onInput: (v: string) => void,
  testId: string,
  ariaLabel: string,
): ValueElement {
  const input = h('vscode-textfield', { type: 'search', placeholder, 'data-testid': testId, 'aria-label': ariaLabel }) as ValueElement;
  input.value = value;
  input.addEventListener('input', () => onInput(input.value));
  return input;
}

export function checkbox(label: string, checked: boolean, onChange: (v: boolean) => void, testId: string): CheckElement {
  const el = h('vscode-checkbox', { 'data-testid': testId, label }) as CheckElement;
  el.checked = checked;
  el.addEventListener('change', () => onChange(el.checked));
  return el;
}
