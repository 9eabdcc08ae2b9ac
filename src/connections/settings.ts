/** Reads the extension's numeric settings, rounded and clamped to their declared ranges. */
import * as vscode from 'vscode';
import { clampSetting, type NumericSetting } from '../core/settings';
import { INSIGHT_SETTING_KEYS, insightSettingsFrom, type InsightSettings } from '../core/insights/settings';

export function readSetting(name: NumericSetting): number {
  return clampSetting(name, vscode.workspace.getConfiguration('frameAdmin').get<unknown>(name));
}

/** The Experience and People views' settings (read each time a view asks: a change applies at once). */
export function readInsightSettings(): InsightSettings {
  const config = vscode.workspace.getConfiguration('frameAdmin');
  return insightSettingsFrom(Object.fromEntries(INSIGHT_SETTING_KEYS.map((k) => [k, config.get<unknown>(k)])));
}
