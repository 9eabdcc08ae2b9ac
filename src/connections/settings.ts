/** Reads the extension's numeric settings, rounded and clamped to their declared ranges. */
import * as vscode from 'vscode';
import { clampSetting, type NumericSetting } from '../core/settings';

export function readSetting(name: NumericSetting): number {
  return clampSetting(name, vscode.workspace.getConfiguration('frameAdmin').get<unknown>(name));
}
