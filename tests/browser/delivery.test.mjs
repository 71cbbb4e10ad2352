// How the page is delivered: precompressed .br/.gz served with Content-Encoding by scripts/serve.py,
// and the wasm compiled while it downloads (WebAssembly.instantiateStreaming).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { launch, open, serve, webDir, near } from './lib/harness.mjs';

let browser;
let server;
before(async () => { browser = await launch(); server = await serve(); });
after(async () => { await browser?.close(); server?.close(); });

function get(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const loaded = ['index.html', 'gradflow-api.js', 'gradflow.js', 'gradflow.wasm'];
const types = { html: 'text/html', js: 'text/javascript', wasm: 'application/wasm' };

test('the build writes .gz and .br beside every file the page loads', () => {
  for (const f of loaded) {
    assert.ok(existsSync(`${webDir}/${f}.gz`), `${f}.gz`);
    assert.ok(existsSync(`${webDir}/${f}.br`), `${f}.br`);
  }
});

test('serve.py sends the precompressed file the request accepts, with the right headers', async () => {
  for (const f of loaded) {
    const type = types[f.split('.').pop()];
    const br = await get(server.url + f, 'gzip, deflate, br');
    assert.equal(br.headers['content-encoding'], 'br', `${f} with br accepted`);
    assert.ok(br.headers['content-type'].startsWith(type), `${f}: ${br.headers['content-type']}`);
    assert.match(br.headers.vary ?? '', /Accept-Encoding/);
    assert.ok(br.body.equals(readFileSync(`${webDir}/${f}.br`)), `${f}: the .br bytes`);
    const gz = await get(server.url + f, 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip', `${f} with only gzip accepted`);
    assert.ok(gz.body.equals(readFileSync(`${webDir}/${f}.gz`)), `${f}: the .gz bytes`);
    const plain = await get(server.url + f, 'identity');
    assert.equal(plain.headers['content-encoding'], undefined, `${f} without compression accepted`);
    assert.ok(plain.body.equals(readFileSync(`${webDir}/${f}`)), `${f}: the plain bytes`);
    const refused = await get(server.url + f, 'br;q=0, gzip;q=0');
    assert.equal(refused.headers['content-encoding'], undefined, `${f} with q=0`);
  }
  const root = await get(server.url, 'br');
  assert.equal(root.headers['content-encoding'], 'br', 'the folder URL serves index.html.br');
});

test('the page compiles the wasm while downloading it, compressed on the wire', async () => {
  const context = browser.context;
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.gfCalls = { streaming: 0, buffer: 0 };
    const streaming = WebAssembly.instantiateStreaming;
    const buffer = WebAssembly.instantiate;
    WebAssembly.instantiateStreaming = (...a) => { window.gfCalls.streaming++; return streaming.apply(WebAssembly, a); };
    WebAssembly.instantiate = (...a) => { window.gfCalls.buffer++; return buffer.apply(WebAssembly, a); };
  });
  const wasmResponse = page.waitForResponse((r) => r.url().endsWith('/gradflow.wasm'));
  const { errors } = await open(context, server.url + '?preset=mazur', { page });
  const headers = await (await wasmResponse).allHeaders();
  assert.equal(headers['content-encoding'], 'br');
  const calls = await page.evaluate(() => window.gfCalls);
  assert.equal(calls.streaming, 1, 'instantiateStreaming once');
  assert.equal(calls.buffer, 0, 'no download-then-compile');
  const s = await page.evaluate(() => window.gradflow.getState());
  assert.ok(near(s.loss_next, 0.2910277737, 1e-9));
  assert.deepEqual(errors, []);
  await page.close();
});
