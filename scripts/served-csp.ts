/**
 * Prints the Content-Security-Policy header a host should send with a build (default: dist/):
 * the policy the build wrote into index.html's meta tag, with the boot script's hash. See
 * docs/deploy.md. Usage: npm run csp [-- <build folder>]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { policyOf } from './vite-plugin-boot';

const index = join(resolve(process.argv[2] ?? 'dist'), 'index.html');
if (!existsSync(index)) {
  console.error(`No build at ${index}: run "npm run build" first.`);
  process.exit(1);
}
console.log(policyOf(readFileSync(index, 'utf8')));
