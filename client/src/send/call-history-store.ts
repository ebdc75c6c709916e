/** The local history of call permission requests (globalState), for SEND-CALL-RATE. */
import type { Memento } from 'vscode';
import { emptyHistory, type CallHistory } from '../../../shared/send/call-history';

const KEY = 'cmInteractive.callPermissionHistory';

export class CallHistoryStore {
  constructor(private readonly state: Memento) {}

  get(): CallHistory {
    return this.state.get<CallHistory>(KEY) ?? emptyHistory();
  }

  update(history: CallHistory): Thenable<void> {
    return this.state.update(KEY, history);
  }
}
