/** The CM product token lives only in VS Code's SecretStorage. */
import { window, type SecretStorage } from 'vscode';

const KEY = 'cmInteractive.productToken';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class TokenStore {
  constructor(private readonly secrets: SecretStorage) {}

  get(): Thenable<string | undefined> {
    return this.secrets.get(KEY);
  }

  /** "CM: Set Product Token": a password box (the argument is for automation, e.g. tests). */
  async promptAndStore(given?: unknown): Promise<boolean> {
    const token =
      typeof given === 'string'
        ? given
        : await window.showInputBox({
            title: 'CM.com product token',
            prompt: 'Stored in VS Code secret storage; sent only in the X-CM-PRODUCTTOKEN header.',
            placeHolder: '00000000-0000-0000-0000-000000000000',
            password: true,
            ignoreFocusOut: true,
            validateInput: (value) => (GUID.test(value.trim()) ? undefined : 'A CM product token is a GUID: 8-4-4-4-12 hexadecimal digits'),
          });
    if (!token || !GUID.test(token.trim())) {
      if (typeof given === 'string') void window.showErrorMessage('Not stored: a CM product token is a GUID (8-4-4-4-12 hexadecimal digits).');
      return false;
    }
    await this.secrets.store(KEY, token.trim());
    void window.showInformationMessage('CM product token stored in secret storage.');
    return true;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(KEY);
    void window.showInformationMessage('CM product token removed from secret storage.');
  }
}
