import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from '../harness/server';

/** `npm run test:e2e` builds first; fail early with a clear message when it did not. */
export default function setup(): void {
  if (!existsSync(join(DIST, 'sw.js'))) {
    throw new Error(`No production build in ${DIST}: run "npm run build" (npm run test:e2e does it for you).`);
  }
}
