// How the page is delivered: precompressed .br/.gz served with Content-Encoding by scripts/serve.py,
// and the wasm compiled while it downloads (WebAssembly.compileStreaming, started by the shell
// before gradflow.js has arrived); the glow pass's shaders compiled after the first frame.
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

const loaded = ['index.html', 'gradflow-api.js', 'gradflow.js', 'gradflow.wasm', 'gradflow.rest.wasm'];
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

test('the page compiles the wasm while downloading it, compressed on the wire, from before gradflow.js arrives', async () => {
  const context = browser.context;
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.gfCalls = { streaming: 0, bytes: 0 };
    const compileStreaming = WebAssembly.compileStreaming;
    const instantiateStreaming = WebAssembly.instantiateStreaming;
    const instantiate = WebAssembly.instantiate;
    WebAssembly.compileStreaming = (...a) => { window.gfCalls.streaming++; return compileStreaming.apply(WebAssembly, a); };
    WebAssembly.instantiateStreaming = (...a) => { window.gfCalls.streaming++; return instantiateStreaming.apply(WebAssembly, a); };
    // Instantiating a compiled WebAssembly.Module is fine; compiling from a buffer is the slow path.
    WebAssembly.instantiate = (...a) => {
      if (!(a[0] instanceof WebAssembly.Module)) window.gfCalls.bytes++;
      return instantiate.apply(WebAssembly, a);
    };
  });
  const wasmResponse = page.waitForResponse((r) => r.url().endsWith('/gradflow.wasm'));
  const { errors } = await open(context, server.url + '?preset=mazur', { page });
  const headers = await (await wasmResponse).allHeaders();
  assert.equal(headers['content-encoding'], 'br');
  const calls = await page.evaluate(() => window.gfCalls);
  assert.equal(calls.streaming, 1, 'streaming compilation once');
  assert.equal(calls.bytes, 0, 'no download-then-compile');
  // The wasm's request goes out before gradflow.js's (the shell starts it), so the two download
  // side by side instead of one after the other.
  const timing = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
    .filter((e) => /gradflow\.(js|wasm)$/.test(e.name)).map((e) => [e.name.split('/').pop(), e.startTime])));
  assert.ok(timing['gradflow.wasm'] <= timing['gradflow.js'],
            `gradflow.wasm requested at ${timing['gradflow.wasm']} ms, gradflow.js at ${timing['gradflow.js']} ms`);
  const s = await page.evaluate(() => window.gradflow.getState());
  assert.ok(near(s.loss_next, 0.2910277737, 1e-9));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the first frame compiles only ImGui\'s shaders; the glow pass\'s come after it', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.gfGlowCompiled = [];   // for each glow shader compiled: had the first frame been drawn?
    const P = WebGL2RenderingContext.prototype;
    const source = P.shaderSource;
    const compile = P.compileShader;
    const glow = new WeakSet();
    P.shaderSource = function (shader, text) { if (/\ba_local\b/.test(text)) glow.add(shader); return source.call(this, shader, text); };
    P.compileShader = function (shader) {
      if (glow.has(shader)) window.gfGlowCompiled.push(Boolean(window.Module && window.Module.gradflowFirstFrame));
      return compile.call(this, shader);
    };
  });
  const { errors } = await open(browser.context, server.url + '?preset=seed', { page });
  await page.waitForFunction(() => window.gfGlowCompiled.length > 0, null, { timeout: 10000 });
  assert.deepEqual(await page.evaluate(() => window.gfGlowCompiled), [true], 'the glow vertex shader, after the first frame');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the three files are requested from the head, each once, and the page makes one WebGL context', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    // Every distinct context a getContext() call hands back (the WebGL 2 check and the module's).
    window.gfContexts = [];
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (...a) {
      const c = getContext.apply(this, a);
      if (c && !window.gfContexts.includes(c)) window.gfContexts.push(c);
      return c;
    };
  });
  const requested = [];
  page.on('request', (r) => requested.push(r.url().split('/').pop()));
  const { errors } = await open(browser.context, server.url + '?preset=seed', { page });
  for (const f of ['gradflow-api.js', 'gradflow.js', 'gradflow.wasm'])
    assert.equal(requested.filter((u) => u === f).length, 1, `${f} requested once (${requested})`);
  // Preloaded from the head: the wasm and gradflow.js are on their way before the API script (a
  // blocking script the loader waits for) has even arrived.
  const timing = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('resource')
    .map((e) => [e.name.split('/').pop(), { start: e.startTime, end: e.responseEnd }])));
  for (const f of ['gradflow.wasm', 'gradflow.js'])
    assert.ok(timing[f].start < timing['gradflow-api.js'].end,
              `${f} requested at ${timing[f].start.toFixed(1)} ms, gradflow-api.js arrived at ${timing['gradflow-api.js'].end.toFixed(1)} ms`);
  const contexts = await page.evaluate(() => window.gfContexts.map((c) => {
    const a = c.getContextAttributes();
    return { webgl2: c instanceof WebGL2RenderingContext, alpha: a.alpha, antialias: a.antialias, depth: a.depth, stencil: a.stencil };
  }));
  assert.deepEqual(contexts, [{ webgl2: true, alpha: false, antialias: false, depth: false, stencil: false }],
                   'one WebGL 2 context, with the attributes the module asks for');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page asks WebGL only for the extension it uses, not for every one the browser has', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    window.gfExtensions = { asked: [], listed: 0 };
    const P = WebGL2RenderingContext.prototype;
    const get = P.getExtension, list = P.getSupportedExtensions;
    P.getExtension = function (name) { window.gfExtensions.asked.push(name); return get.call(this, name); };
    P.getSupportedExtensions = function () { window.gfExtensions.listed++; return list.call(this); };
  });
  const { errors } = await open(browser.context, server.url + '?preset=spiral&autoplay=0', { page });
  await page.waitForTimeout(500);   // past the first frame's deferred GL set-up
  const ext = await page.evaluate(() => window.gfExtensions);
  assert.equal(ext.listed, 0, 'the supported list is not walked');
  assert.deepEqual([...new Set(ext.asked)], ['EXT_color_buffer_float'], `asked for: ${ext.asked.join(', ')}`);
  // (plane-gpu.test.mjs shows the GPU plane, which needs that one, still runs.)
  assert.deepEqual(errors, []);
  await page.close();
});
