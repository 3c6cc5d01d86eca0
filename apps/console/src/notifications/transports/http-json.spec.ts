import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_ANSWER_BYTES, postJson } from './http-json';

type Handler = (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe(postJson.name, () => {
  it('POSTs the JSON body with its headers, one connection, and reads status and answer', async () => {
    let seen: { method?: string; headers?: http.IncomingHttpHeaders; body?: string } = {};
    const server = await serve((request, body, response) => {
      seen = { method: request.method, headers: request.headers, body };
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":"是"}');
    });
    try {
      const sut = await postJson(server.url, '{"text":"红牌"}', 2_000, { 'X-Extra': 'x' });
      expect(sut).toEqual({ status: 202, body: '{"accepted":"是"}' });
      expect(seen.method).toBe('POST');
      expect(seen.body).toBe('{"text":"红牌"}');
      expect(seen.headers?.['content-type']).toBe('application/json; charset=utf-8');
      expect(seen.headers?.['x-extra']).toBe('x');
      expect(seen.headers?.connection).toBe('close');
    } finally {
      await server.close();
    }
  });

  it('keeps at most 64 KiB of the answer', async () => {
    const server = await serve((_request, _body, response) => response.end('x'.repeat(MAX_ANSWER_BYTES * 3)));
    try {
      const sut = await postJson(server.url, '{}', 2_000);
      expect(sut.status).toBe(200);
      expect(sut.body).toHaveLength(MAX_ANSWER_BYTES);
    } finally {
      await server.close();
    }
  });

  it('gives up when no answer comes within the timeout', async () => {
    const server = await serve(() => undefined);
    try {
      const started = Date.now();
      await expect(postJson(server.url, '{}', 200)).rejects.toThrow('within 200 ms');
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await server.close();
    }
  });

  it('rejects when nothing listens', async () => {
    const server = await serve(() => undefined);
    await server.close();
    await expect(postJson(server.url, '{}', 2_000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
