/**
 * Tooltips built from data (account, member and application names can contain `<script>`):
 * every value is escaped as text. MarkdownString.appendText escapes Markdown syntax but leaves
 * `<`, which VS Code's renderer then strips as HTML, so a name like `QA <img …>` would lose part
 * of itself; entities keep it visible, as text.
 */
import * as vscode from 'vscode';

export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\n/g, '\n\n');
}

/** A tooltip: a bold title, then one paragraph per line, all of it text. */
export function textTooltip(title: string, ...lines: string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${escapeMarkdown(title)}**`);
  for (const line of lines) md.appendMarkdown('\n\n' + escapeMarkdown(line));
  return md;
}
