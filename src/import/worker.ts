/**
 * The import Web Worker (a module worker): receives { fileName, bytes }, reads the file with
 * readImport, posts { type: 'progress', … } while it works and finally { type: 'done', result }
 * or { type: 'error', message }. sql.js loads its wasm from the URL Vite emits for it.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { handleImportRequest, type ImportRequest, type ImportResponse } from './worker-protocol';

let sqlPromise: Promise<SqlJsStatic> | undefined;
const sql = () => {
  sqlPromise ??= initSqlJs({ locateFile: () => wasmUrl });
  return sqlPromise;
};

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportRequest>) => void) | null;
  postMessage(message: ImportResponse, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  void handleImportRequest(event.data, sql, (message, transfer) => scope.postMessage(message, transfer ?? []));
};
