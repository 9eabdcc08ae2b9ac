/** The copy commands: Account ID, Email(s), Name (Select Account is in navigationCommands.ts). */
import * as vscode from 'vscode';
import { ApplicationNode, MemberNode } from '../views';
import { COMMANDS } from '../contract';
import { registerCommand, type CommandHost } from './registerCommand';
import { accountTarget, type TargetDeps } from './targets';

export type AccountCommandDeps = CommandHost & TargetDeps;

export function registerAccountCommands(deps: AccountCommandDeps): vscode.Disposable[] {
  /** Copies `text` and says so in the status bar (`said`: the whole sentence, in the display language). */
  const copy = async (text: string, said: string) => {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(said, 3000);
    return text;
  };
  return [
    registerCommand(
      COMMANDS.copyAccountId,
      async (target?: unknown) => {
        const account = (await accountTarget(target, deps, { anyApi: true }))?.account;
        return account && copy(account.accountId, vscode.l10n.t('Copied account ID {0}', account.accountId));
      },
      deps,
    ),
    registerCommand(
      COMMANDS.copyEmail,
      async (target?: unknown) => {
        const email = target instanceof MemberNode ? target.member.email : (await accountTarget(target, deps))?.account.email;
        if (!email) {
          void vscode.window.showInformationMessage(vscode.l10n.t('There is no email address to copy.'));
          return undefined;
        }
        return copy(email, vscode.l10n.t('Copied {0}', email));
      },
      deps,
    ),
    registerCommand(
      COMMANDS.copyEmails,
      async (clicked?: unknown, selected?: unknown[]) => {
        // Menus on a multi-selection pass the clicked item, then every selected one.
        const members = (selected?.length ? selected : [clicked]).filter((n): n is MemberNode => n instanceof MemberNode);
        const emails = [...new Set(members.map((m) => m.member.email).filter(Boolean))];
        if (!emails.length) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Select team members with an email address to copy.'));
          return undefined;
        }
        return copy(
          emails.join('\n'),
          emails.length === 1 ? vscode.l10n.t('Copied 1 email address') : vscode.l10n.t('Copied {0} email addresses', emails.length),
        );
      },
      deps,
    ),
    registerCommand(
      COMMANDS.copyName,
      async (target?: unknown) => {
        const name = target instanceof MemberNode ? target.member.name : target instanceof ApplicationNode ? target.app.name : undefined;
        return name ? copy(name, vscode.l10n.t('Copied {0}', name)) : undefined;
      },
      deps,
    ),
  ];
}
