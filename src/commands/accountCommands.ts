/** Select Account, Copy Account ID, Copy Email. */
import * as vscode from 'vscode';
import { MemberNode } from '../views';
import { COMMANDS } from './ids';
import { registerCommand, type CommandHost } from './registerCommand';
import { accountTarget, type TargetDeps } from './targets';

export type AccountCommandDeps = CommandHost & TargetDeps;

export function registerAccountCommands(deps: AccountCommandDeps): vscode.Disposable[] {
  const copy = async (text: string, what: string) => {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${what}`, 3000);
    return text;
  };
  return [
    registerCommand(
      COMMANDS.selectAccount,
      async (target?: unknown) => {
        const picked = await accountTarget(target, deps, { preferSelection: false });
        if (picked) deps.selection.set(picked);
        return picked?.account.accountId;
      },
      deps,
    ),
    registerCommand(
      COMMANDS.copyAccountId,
      async (target?: unknown) => {
        const account = (await accountTarget(target, deps, { anyApi: true }))?.account;
        return account && copy(account.accountId, `account ID ${account.accountId}`);
      },
      deps,
    ),
    registerCommand(
      COMMANDS.copyEmail,
      async (target?: unknown) => {
        const email = target instanceof MemberNode ? target.member.email : (await accountTarget(target, deps))?.account.email;
        if (!email) {
          void vscode.window.showInformationMessage('There is no email address to copy.');
          return undefined;
        }
        return copy(email, email);
      },
      deps,
    ),
  ];
}
