/**
 * Storage failures turned into messages a person can act on. IndexedDB reports them under
 * many names across browsers; this is the one place that maps them.
 */
import { errorMessage } from '../domain/errors';
export interface StorageProblem {
  title: string;
  detail: string;
}

export function describeStorageError(error: unknown): StorageProblem {
  const name = (error as { name?: string } | null)?.name ?? '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  const message = errorMessage(error);
  const all = `${name} ${inner} ${message}`;
  if (/QuotaExceeded|quota/i.test(all)) {
    return {
      title: 'Storage is full',
      detail:
        'The browser refused to save because this site is out of storage space. Nothing was half-saved. Free some space (or remove other site data) and try again.',
    };
  }
  if (/NewerSchema|VersionError/i.test(all)) {
    return {
      title: 'This page is out of date',
      detail:
        'A newer version of the app, open in another tab or window, has upgraded your data. Reload this page to use it; nothing was saved from this one in the old format.',
    };
  }
  if (/Blocked|VersionChange/i.test(all)) {
    return {
      title: 'Another tab is holding the database',
      detail: 'An older version of the app is open in another tab or window. Close it, then reload this page.',
    };
  }
  if (/MissingAPI|InvalidState|SecurityError|UnknownError|indexedDB|not available/i.test(all)) {
    return {
      title: 'Storage is not available',
      detail:
        'This browser is not letting the app use IndexedDB (some private-browsing modes do this). Open the app in a normal window to keep your progress.',
    };
  }
  return { title: 'Storage error', detail: `The browser's database reported: ${message}` };
}
