/**
 * The preview host: serves the browser build of the mini-program (build/preview/) and passes the
 * calls its wx shim makes (function gateway, cloud storage) to the local cloud, so the page and
 * the functions share one origin. Development only: it listens on loopback.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface PreviewHost {
  url: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export function startPreview(options: {
  cloudUrl: string;
  port: number;
  buildDir: string;
  identities: () => { openid: string; label: string; role: string }[];
}): Promise<PreviewHost> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview');
    if (url.pathname.startsWith('/functions/') || url.pathname.startsWith('/_localcloud/storage/')) {
      proxy(options.cloudUrl, req, res);
      return;
    }
    if (url.pathname === '/preview/identities') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(options.identities()));
      return;
    }
    const name = url.pathname === '/' ? 'index.html' : path.basename(url.pathname);
    const file = path.join(options.buildDir, name);
    if (req.method !== 'GET' || !TYPES[path.extname(name)] || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(fs.existsSync(options.buildDir) ? 'not found' : 'preview not built: npm run build');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(name)], 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function proxy(cloudUrl: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const target = new URL(req.url ?? '/', cloudUrl);
  const upstream = http.request(
    target,
    { method: req.method, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (err) => {
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ code: 'INTERNAL', data: null, message: `本地云不可用：${err.message}` }));
  });
  req.pipe(upstream);
}
