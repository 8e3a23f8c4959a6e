import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { sendSerialized, serializedAnswer } from '../src/http/serialized';
import { listen, type RunningServer, userToken, waitFor } from '../src/testing';
import { createFixtureApp } from './fixtures/app';

/** Kept answers (http/serialized.ts): bytes made once, brotli or gzip as accepted, one ETag, 304. */
let server: RunningServer;
let token: string;

beforeAll(async () => {
  server = await listen(createFixtureApp({ validateResponses: true }));
  token = await userToken('planer');
});
afterAll(() => server.close());

type Raw = { status: number; header: (name: string) => string | undefined; bytes: Buffer };

/** The bytes as sent (fetch would decompress them itself). */
function raw(path: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const header = (name: string) => [response.headers[name]].flat()[0];
        resolve({ status: response.statusCode ?? 0, header, bytes: Buffer.concat(chunks) });
      });
    }).on('error', reject);
  });
}

test('when clients accept brotli, gzip or neither, then each gets the same answer in its coding with one ETag, and 304 with it', async () => {
  const path = '/v1/kept?size=2000';
  // Asked together before anything is compressed: each waits for the one compression of its coding.
  const [br, brAgain, gz, plain] = await Promise.all([
    raw(path, { 'accept-encoding': 'gzip, deflate, br' }),
    raw(path, { 'accept-encoding': 'br' }),
    raw(path, { 'accept-encoding': 'gzip' }),
    raw(path, { 'accept-encoding': 'identity' }),
  ]);
  expect([br.status, brAgain.status, gz.status, plain.status]).toEqual([200, 200, 200, 200]);
  expect(plain.header('content-encoding')).toBeUndefined();
  expect(JSON.parse(plain.bytes.toString()).items).toHaveLength(2000);
  expect(plain.header('content-type')).toMatch(/^application\/json/);
  expect(Number(plain.header('content-length'))).toBe(plain.bytes.length);
  expect(br.header('content-encoding')).toBe('br');
  expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
  expect(brAgain.bytes.equals(br.bytes)).toBe(true);
  expect(gz.header('content-encoding')).toBe('gzip');
  expect(gunzipSync(gz.bytes).equals(plain.bytes)).toBe(true);
  expect(br.bytes.length).toBeLessThan(gz.bytes.length);
  for (const answer of [br, gz]) expect(answer.header('vary')).toContain('Accept-Encoding');
  const etag = plain.header('etag')!;
  expect(etag).toMatch(/^W\/"/);
  expect([br, brAgain, gz].map((a) => a.header('etag'))).toEqual([etag, etag, etag]);

  const notModified = await raw(path, { 'accept-encoding': 'br', 'if-none-match': etag });
  expect(notModified.status).toBe(304);
  expect(notModified.bytes.length).toBe(0);
  const otherAnswer = await raw('/v1/kept?size=3000', { 'accept-encoding': 'br', 'if-none-match': etag });
  expect(otherAnswer.status).toBe(200);
  expect(otherAnswer.header('etag')).not.toBe(etag);
});

test('when a kept answer is smaller than a kilobyte, then it is sent uncompressed whatever the client accepts', async () => {
  const small = await raw('/v1/kept?size=1', { 'accept-encoding': 'gzip, deflate, br' });
  expect(small.status).toBe(200);
  expect(small.header('content-encoding')).toBeUndefined();
  expect(JSON.parse(small.bytes.toString())).toEqual({ items: [{ id: 0, name: 'Planungsraum 0' }] });
});

test('when an answer asks for the best compression, then the first brotli answer comes at once and a smaller one of the same bytes follows', async () => {
  const body = Buffer.from(JSON.stringify({ items: Array.from({ length: 3000 }, (_, i) => ({ id: i, name: `Planungsraum ${i}`, share: (i * 7919) % 1000 })) }));
  const answer = serializedAnswer(body, { type: 'application/json', compressBest: true });
  const app = express().get('/best', (req, res) => sendSerialized(req, res, answer));
  const best = await listen(app);
  const brotliOf = async () => {
    const response = await fetch(`${best.url}/best`, { headers: { 'accept-encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    return Number(response.headers.get('content-length'));
  };
  try {
    const first = await brotliOf();
    expect(first).toBe((answer.encoded.br as Buffer).length);
    await waitFor(async () => (await brotliOf()) < first, 10_000, 'the best brotli');
    expect(brotliDecompressSync(answer.encoded.br as Buffer).equals(body)).toBe(true);
  } finally {
    await best.close();
  }
});
