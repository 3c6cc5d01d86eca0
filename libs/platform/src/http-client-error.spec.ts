import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientError } from './http-client-error';

describe(answerClientError.name, () => {
  const server = http.createServer((_, response) => response.writeHead(204).end());
  server.on('clientError', answerClientError);
  let url = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('answers a request whose headers are too large with 431 and a JSON message', async () => {
    const response = await fetch(`${url}/api/signals?caseId=${'A'.repeat(20_000)}`);

    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({
      statusCode: 431,
      error: 'Request Header Fields Too Large',
      message: expect.stringContaining('too large') as unknown,
    });
  });

  it('leaves ordinary requests alone', async () => {
    expect((await fetch(`${url}/health`)).status).toBe(204);
  });
});
