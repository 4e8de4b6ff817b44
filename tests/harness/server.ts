/**
 * A tiny static server for dist/ (the production build), so a test can stop it and see the app
 * keep working from the service worker with no network at all. With a `prefix` it serves the
 * build under that path only (as a static host serves a site under a sub-path, docs/deploy.md):
 * every other path is a 404.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { servedCsp } from '../../vite.config';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export const DIST = resolve(import.meta.dirname, '..', '..', 'dist');

export interface StaticServer {
  /** The origin, such as http://127.0.0.1:4173 (no path). */
  url: string;
  /** Where the app is: the origin and the prefix, such as http://127.0.0.1:4173/recall-re/. */
  appUrl: string;
  port: number;
  /** The path of every request received, in order (the service worker's and workers' too). */
  requests: string[];
  close(): Promise<void>;
  /** Appends a comment to sw.js, so the browser sees a new service worker version. */
  setServiceWorkerSuffix(suffix: string): void;
}

export async function startServer(port = 0, root = DIST, options: { prefix?: string } = {}): Promise<StaticServer> {
  const prefix = options.prefix ?? '/';
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix "${prefix}" must start and end with "/"`);
  let swSuffix = '';
  const requests: string[] = [];
  const csp = servedCsp(root);
  const server: Server = createServer(async (req, res) => {
    const full = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(full);
    // As static hosts do: the sub-path without its final slash redirects to the folder.
    if (prefix !== '/' && full === prefix.slice(0, -1)) {
      res.writeHead(301, { Location: prefix }).end();
      return;
    }
    if (!full.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    const path = full.slice(prefix.length - 1);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      file = join(root, 'index.html');
    }
    try {
      let body: Buffer = await readFile(file);
      if (swSuffix && file === join(root, 'sw.js')) body = Buffer.concat([body, Buffer.from(`\n// ${swSuffix}\n`)]);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
        'Cache-Control': /\/assets\//.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  const connections = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    appUrl: `http://127.0.0.1:${actual}${prefix}`,
    port: actual,
    requests,
    setServiceWorkerSuffix: (suffix: string) => {
      swSuffix = suffix;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of connections) socket.destroy();
        server.close(() => done());
      }),
  };
}
