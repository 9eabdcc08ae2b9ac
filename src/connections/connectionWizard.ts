/**
 * "Add Connection" / "Edit Connection": a multi-step input (name, API, signing scheme, client ID,
 * client secret, and for the Admin API whether write actions are allowed) with Back buttons, then
 * a verification request with progress before saving.
 */
import * as vscode from 'vscode';
import { clientIdProblem } from '../core/signing/clientId';
import type { Scheme } from '../core/signing';
import { apiKindOf, normalizeBaseUrl } from '../core/api/signedApi';
import { PRESET_BASE_URLS, presets, type Connection } from './connection';

export interface WizardResult {
  fields: Omit<Connection, 'id'>;
  /** Empty when editing and the user kept the stored secret. */
  secret: string;
}

const BACK = Symbol('back');
/** What one input gives: a value, Back, or undefined when dismissed. */
type Step<T> = Promise<T | typeof BACK | undefined>;
type Outcome = 'next' | 'back' | 'cancel';

/** Applies a step's value and says where to go next. */
function outcome<T>(v: T | typeof BACK | undefined, apply: (value: T) => void): Outcome {
  if (v === undefined) return 'cancel';
  if (v === BACK) return 'back';
  apply(v);
  return 'next';
}

/** The signing schemes, in the display language (header names are protocol: they stay as they are). */
function schemes(): { label: string; scheme: Scheme; detail: string }[] {
  return [
    {
      label: vscode.l10n.t('Frame signature'),
      scheme: 'frame',
      detail: vscode.l10n.t({
        message: 'X-Frame-ClientId / X-Frame-Timestamp / X-Frame-Signature (HMAC-SHA256): the Frame Web and Admin APIs',
        comment: ['X-Frame-… are HTTP header names: keep them as they are.'],
      }),
    },
    {
      label: vscode.l10n.t('Signature (HMAC-SHA1)'),
      scheme: 'janrain-signature',
      detail: vscode.l10n.t({
        message: 'Authorization: Signature id:… with a Date header: the Registration API family',
        comment: ['"Authorization: Signature id:…" and "Date" are HTTP header text: keep them as they are.'],
      }),
    },
    {
      label: vscode.l10n.t('Basic'),
      scheme: 'basic',
      detail: vscode.l10n.t({
        message: 'Authorization: Basic base64(id:secret): the Registration API family',
        comment: ['"Authorization: Basic base64(id:secret)" is HTTP header text: keep it as it is.'],
      }),
    },
  ];
}

/**
 * Runs the steps; undefined when cancelled. `existing` pre-fills everything for Edit; `retry`
 * (what was typed before a failed verification) pre-fills everything too and starts at the secret
 * step, so fixing the secret keeps the rest (Back still reaches every step).
 */
export async function runConnectionWizard(existing?: Connection, retry?: Omit<Connection, 'id'>): Promise<WizardResult | undefined> {
  const title = existing ? vscode.l10n.t('Edit Connection: {0}', existing.name) : vscode.l10n.t('Add Frame Connection');
  const prefill = retry ?? existing;
  // The Admin API has a write action (Publish Sandbox): its connections get a sixth step.
  const total = () => (state.apiKind === 'admin' && !readOnlyAnswered ? 6 : 5);
  const state = {
    name: prefill?.name ?? '',
    baseUrl: prefill?.baseUrl ?? PRESET_BASE_URLS[0],
    apiKind: prefill?.apiKind ?? apiKindOf(PRESET_BASE_URLS[0]),
    scheme: prefill?.scheme ?? ('frame' as Scheme),
    clientId: prefill?.clientId ?? '',
    secret: '',
    readOnly: prefill?.readOnly,
  };
  /**
   * Whether the read-only question was answered in this run of the wizard: after "Re-enter Secret"
   * (`retry`) it was, so it is not asked again, unless Back leads to a different API.
   */
  let readOnlyAnswered = retry?.apiKind === 'admin';
  /** The base URL and, read from it once, which API it is for. */
  const setBaseUrl = (baseUrl: string) => {
    if (apiKindOf(baseUrl) !== state.apiKind) readOnlyAnswered = false;
    state.baseUrl = baseUrl;
    state.apiKind = apiKindOf(baseUrl);
  };
  const steps: (() => Promise<Outcome>)[] = [
    async () => {
      const v = await inputStep({
        title,
        step: 1,
        total: total(),
        value: state.name,
        prompt: vscode.l10n.t('A name for this connection'),
        placeholder: vscode.l10n.t('e.g. Production (api.fra.me)'),
        validate: (s) => (s.trim() ? undefined : vscode.l10n.t('Enter a name.')),
      });
      return outcome(v, (name) => (state.name = name.trim()));
    },
    async () => {
      const custom = {
        label: vscode.l10n.t('Custom base URL…'),
        detail: vscode.l10n.t('Another Frame environment, a proxy, or the Registration API'),
        baseUrl: '',
      };
      const items = [...presets(), custom];
      const picked = await pickStep({
        title,
        step: 2,
        total: total(),
        items,
        placeholder: vscode.l10n.t('Which API?'),
        active: items.find((i) => i.baseUrl === state.baseUrl) ?? (existing ? custom : items[0]),
      });
      if (picked === undefined || picked === BACK || picked.baseUrl) return outcome(picked, (p) => setBaseUrl(p.baseUrl));
      const v = await inputStep({
        title,
        step: 2,
        total: total(),
        value: state.baseUrl,
        prompt: vscode.l10n.t('API base URL including its version path (https; http only for 127.0.0.1/localhost)'),
        placeholder: 'https://api.fra.me/v1alpha',
        validate: (s) => {
          try {
            normalizeBaseUrl(s);
            return undefined;
          } catch (e) {
            return (e as Error).message;
          }
        },
      });
      return outcome(v, (url) => setBaseUrl(normalizeBaseUrl(url).href));
    },
    async () => {
      const items = schemes().map((s) => ({ ...s, description: s.scheme === state.scheme ? vscode.l10n.t('(current)') : undefined }));
      const picked = await pickStep({
        title,
        step: 3,
        total: total(),
        items,
        placeholder: vscode.l10n.t('How are requests signed?'),
        active: items.find((i) => i.scheme === state.scheme),
      });
      return outcome(picked, (p) => (state.scheme = p.scheme));
    },
    async () => {
      const v = await inputStep({
        title,
        step: 4,
        total: total(),
        value: state.clientId,
        prompt: vscode.l10n.t('Client ID (from the Frame console)'),
        placeholder: vscode.l10n.t('e.g. cd7bc83b-….img.frame.nutanix.com'),
        // Pasted surroundings are trimmed; a line break or look-alike character inside is not a client ID.
        validate: (s) => (s.trim() ? clientIdProblem(s.trim(), state.scheme) : vscode.l10n.t('Enter the client ID.')),
      });
      return outcome(v, (id) => (state.clientId = id.trim()));
    },
    async () => {
      const v = await inputStep({
        title,
        step: 5,
        total: total(),
        value: '',
        password: true,
        // The placeholder is the box's accessible name (with the title): it says what to type.
        placeholder: retry
          ? vscode.l10n.t('Client secret: not accepted, enter it again')
          : existing
            ? vscode.l10n.t('Client secret (empty keeps the stored one)')
            : vscode.l10n.t('Client secret'),
        prompt: retry
          ? vscode.l10n.t(
              'The client secret was not accepted: enter it again (check the client ID with Back). Stored only in VS Code secret storage.',
            )
          : existing
            ? vscode.l10n.t('Client secret (leave empty to keep the stored one). Stored only in VS Code secret storage.')
            : vscode.l10n.t('Client secret. Stored only in VS Code secret storage, never in settings.'),
        validate: (s) => (existing || s ? undefined : vscode.l10n.t('Enter the client secret.')),
      });
      return outcome(v, (secret) => (state.secret = secret));
    },
    async () => {
      if (state.apiKind !== 'admin' || readOnlyAnswered) return 'next';
      const items = [
        {
          label: vscode.l10n.t('Read-only'),
          readOnly: true,
          detail: vscode.l10n.t('Browse, show details and audit trails; never publish a Sandbox with this connection'),
        },
        {
          label: vscode.l10n.t('Allow write actions'),
          readOnly: false,
          detail: vscode.l10n.t('Also offer Publish Sandbox (it asks for confirmation every time, and is logged)'),
        },
      ].map((i) => ({
        ...i,
        description: existing && i.readOnly === (existing.readOnly === true) ? vscode.l10n.t('(current)') : undefined,
      }));
      const picked = await pickStep({
        title,
        step: 6,
        total: 6,
        items,
        placeholder: vscode.l10n.t('May this connection change things in Frame?'),
        active: existing ? items.find((i) => i.readOnly === (existing.readOnly === true)) : items[0],
      });
      return outcome(picked, (p) => {
        state.readOnly = p.readOnly;
        readOnlyAnswered = true;
      });
    },
  ];
  const secretStep = 4; // (0-based) a retry starts there; the read-only step follows it
  for (let i = retry ? secretStep : 0; i < steps.length;) {
    const next = await steps[i]!();
    if (next === 'cancel') return undefined;
    i = next === 'next' ? i + 1 : Math.max(0, i - 1);
  }
  const readOnly = state.apiKind === 'admin' ? state.readOnly === true : false;
  return {
    fields: {
      name: state.name,
      baseUrl: state.baseUrl,
      apiKind: state.apiKind,
      scheme: state.scheme,
      clientId: state.clientId,
      ...(readOnly ? { readOnly } : {}),
    },
    secret: state.secret,
  };
}

interface InputOptions {
  title: string;
  step: number;
  total: number;
  value: string;
  prompt: string;
  placeholder?: string;
  password?: boolean;
  validate?: (value: string) => string | undefined;
}

function inputStep(o: InputOptions): Step<string> {
  const box = vscode.window.createInputBox();
  Object.assign(box, {
    title: o.title,
    step: o.step,
    totalSteps: o.total,
    value: o.value,
    prompt: o.prompt,
    placeholder: o.placeholder,
    password: !!o.password,
    ignoreFocusOut: true,
  });
  box.onDidChangeValue((v) => (box.validationMessage = o.validate?.(v)));
  return runStep(box, o.step, () => {
    const error = o.validate?.(box.value);
    box.validationMessage = error;
    return error ? undefined : box.value;
  });
}

function pickStep<T extends vscode.QuickPickItem>(o: {
  title: string;
  step: number;
  total: number;
  items: T[];
  placeholder: string;
  active?: T;
}): Step<T> {
  const pick = vscode.window.createQuickPick<T>();
  Object.assign(pick, { title: o.title, step: o.step, totalSteps: o.total, placeholder: o.placeholder, ignoreFocusOut: true });
  pick.items = o.items;
  if (o.active) pick.activeItems = [o.active];
  return runStep(pick, o.step, () => pick.selectedItems[0] ?? pick.activeItems[0]);
}

/** Shows one step (with Back after the first) until it is accepted, backed out of, or dismissed. */
function runStep<T>(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, step: number, accepted: () => T | undefined): Step<T> {
  return new Promise((resolve) => {
    input.buttons = step > 1 ? [vscode.QuickInputButtons.Back] : [];
    let done = false;
    const finish = (v: T | typeof BACK | undefined) => {
      if (done) return;
      done = true;
      resolve(v);
      input.dispose();
    };
    input.onDidTriggerButton(() => finish(BACK));
    input.onDidAccept(() => {
      const value = accepted();
      if (value !== undefined) finish(value);
    });
    input.onDidHide(() => finish(undefined));
    input.show();
  });
}
