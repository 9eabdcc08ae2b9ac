/**
 * `GET /datacenters`, read defensively: Frame documents that it lists datacenters "with the image
 * families and instance types each offers", but neither its parameters nor its response were
 * retrieved. Each datacenter keeps its raw object; the two lists are found under plausible keys
 * and their entries may be text or objects.
 */
import * as l10n from '@vscode/l10n';
import { isObject, listIn, textAt } from './loose';

export interface Datacenter {
  /** '' when none of the usual fields holds one. */
  id: string;
  label: string;
  provider: string;
  /** undefined: the datacenter has no such list that we recognise. */
  imageFamilies: string[] | undefined;
  instanceTypes: string[] | undefined;
  raw: unknown;
}

const IMAGE_FAMILY_KEYS = ['image_families', 'imageFamilies', 'families', 'images'];
const INSTANCE_TYPE_KEYS = ['instance_types', 'instanceTypes', 'instances', 'machine_types'];

/** The datacenters in the body, or undefined when it is not a list we recognise. */
export function parseDatacenters(body: unknown): Datacenter[] | undefined {
  const list = listIn(body, ['items', 'data', 'results', 'datacenters']);
  if (!list) return undefined;
  return list.map((item, i): Datacenter => {
    if (!isObject(item)) {
      const text = typeof item === 'string' || typeof item === 'number' ? String(item) : '';
      return {
        id: text,
        label: text || l10n.t('Datacenter {0}', i + 1),
        provider: '',
        imageFamilies: undefined,
        instanceTypes: undefined,
        raw: item,
      };
    }
    const name = textAt(item, 'name', 'region');
    const display = textAt(item, 'display_name', 'displayName', 'label');
    return {
      id: textAt(item, 'id', 'name', 'external_id'),
      label:
        display && name && display !== name
          ? `${display} (${name})`
          : display || name || textAt(item, 'id') || l10n.t('Datacenter {0}', i + 1),
      provider: textAt(item, 'cloud_provider', 'provider', 'cloud_provider.name', 'provider.name'),
      imageFamilies: names(firstList(item, IMAGE_FAMILY_KEYS)),
      instanceTypes: names(firstList(item, INSTANCE_TYPE_KEYS)),
      raw: item,
    };
  });
}

function firstList(o: Record<string, unknown>, keys: string[]): unknown[] | undefined {
  for (const k of keys) if (Array.isArray(o[k])) return o[k] as unknown[];
  return undefined;
}

/** Each entry as a line of text: itself when text, else "Display name (name)" from the usual fields. */
function names(list: unknown[] | undefined): string[] | undefined {
  if (!list) return undefined;
  return list
    .map((x) => {
      if (typeof x === 'string' || typeof x === 'number') return String(x);
      if (!isObject(x)) return '';
      const name = textAt(x, 'name', 'id', 'type');
      const display = textAt(x, 'display_name', 'displayName', 'label');
      return display && name && display !== name ? `${display} (${name})` : display || name;
    })
    .filter((s) => s !== '');
}
