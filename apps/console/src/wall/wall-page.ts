import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The built page (`vite build` of apps/console/web), from the sources or from dist/. */
export function wallPageRoot(): string | null {
  const candidates = [
    path.resolve(__dirname, '../../web/dist'),
    path.resolve(__dirname, '../../../../../apps/console/web/dist'),
  ];
  return candidates.find((candidate) => existsSync(path.join(candidate, 'index.html'))) ?? null;
}

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>电子监察 · 实时监控大屏</title></head>
<body style="font-family: sans-serif; padding: 2em">
<h1>电子监察 · 实时监控大屏</h1>
<p>页面尚未构建。The wall page is not built: run <code>npm run build</code> (or <code>npm run build:web</code>) and restart the console.</p>
</body></html>`;

interface PlainResponse {
  setHeader(name: string, value: string): void;
  status(code: number): PlainResponse;
  send(body: string): void;
}

/**
 * Serves the alarm wall: the built page with its hashed assets cached for a year and index.html
 * revalidated on every load; a page saying how to build it when it was not built.
 */
export function serveWallPage(app: NestExpressApplication): void {
  const root = wallPageRoot();
  if (!root) {
    app.getHttpAdapter().get('/', (_request: unknown, response: PlainResponse) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.status(503).send(NOT_BUILT);
    });
    return;
  }
  app.useStaticAssets(root, {
    index: 'index.html',
    setHeaders: (response: PlainResponse, file: string) => {
      const immutable = file.includes(`${path.sep}assets${path.sep}`);
      response.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
