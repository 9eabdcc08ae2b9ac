/** The account chosen in the Accounts view; Team Members and Applications follow it. */
import * as vscode from 'vscode';
import type { SelectedAccount } from './connection';

export class AccountSelection implements vscode.Disposable {
  private current: SelectedAccount | undefined;
  private readonly changed = new vscode.EventEmitter<SelectedAccount | undefined>();
  readonly onDidChange = this.changed.event;

  get value(): SelectedAccount | undefined {
    return this.current;
  }

  set(next: SelectedAccount | undefined): void {
    const same = next?.connection.id === this.current?.connection.id && next?.account.accountId === this.current?.account.accountId;
    if (same && next?.connection === this.current?.connection) return;
    this.current = next;
    void vscode.commands.executeCommand('setContext', 'frameAdmin.accountSelected', next !== undefined);
    this.changed.fire(next);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
