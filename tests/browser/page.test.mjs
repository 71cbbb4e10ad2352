// The page itself: first frame with no console errors (time and gzip transfer size printed),
// the numbers through window.gradflow, a picture that is where the API says it is, under a
// sub-path, a network at the page's parameter limit, and the messages when WebGL 2, the module
// or gradflow.js is missing or the graphics context is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { launch, open, serve, screenshot, waitReady, near, webDir, screenPixels, countAppFrames } from './lib/harness.mjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';

let browser, server;
before(async () => { browser = await launch(); server = await serve(webDir, '/course/gradflow/'); });

const pixels = screenPixels;
after(async () => { await browser?.close(); server?.close(); });

const mazur = {
  layers: [2, 2, 2], activations: ['sigmoid', 'sigmoid'], loss: 'half_sse',
  W: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]], b: [[0.35, 0.35], [0.6, 0.6]],
  x: [0.05, 0.1], y: [0.01, 0.99], learning_rate: 0.5, train_biases: false,
};
const b64url = (s) => Buffer.from(s).toString('base64url');

test('loads under a sub-path with no console errors; first frame time and transfer size', async () => {
  const { page, errors, requests } = await open(browser.context, server.url);
  const ms = await page.evaluate(() => window.Module.gradflowFirstFrameMs);
  let raw = 0, gz = 0;
  const rows = [];
  for (const req of requests) {
    const res = await req.response();
    if (!res || req.url().startsWith('data:')) continue;
    // The served file itself (response bodies can be evicted by Chromium before we ask).
    const rel = new URL(req.url()).pathname.slice(new URL(server.url).pathname.length) || 'index.html';
    const body = readFileSync(path.join(webDir, rel));
    // scripts/serve.py sends the build's precompressed FILE.br / FILE.gz when the browser accepts it.
    const coding = res.headers()['content-encoding'];
    const sent = coding ? readFileSync(path.join(webDir, rel) + (coding === 'br' ? '.br' : '.gz')) : body;
    assert.equal(Number(res.headers()['content-length']), sent.length, `${rel} served whole (${coding ?? 'identity'})`);
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length; gz += z;
    rows.push(`    ${new URL(req.url()).pathname.padEnd(36)} ${String(body.length).padStart(9)} B  gzip ${String(z).padStart(8)} B`);
  }
  console.log(`  first frame ${ms.toFixed(0)} ms after navigation; ${requests.length} requests, ` +
              `${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip\n${rows.join('\n')}`);
  assert.deepEqual(errors, []);
  assert.ok(await page.evaluate(() => document.getElementById('notice').hidden), 'no problems with a plain link');
  await screenshot(page, 'page-default.png');
  await page.close();
});

test('?preset=seed → getState().loss is the notes\' loss; state has every key', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=seed');
  const s = await page.evaluate(() => window.gradflow.getState());
  assert.ok(near(s.loss, 0.0903693617082709, 1e-12), `loss ${s.loss}`);
  for (const k of ['loss', 'a', 'h', 'output', 'dW', 'db', 'W_next', 'b_next', 'loss_next', 't', 'phase', 'focus'])
    assert.ok(k in s, `getState() lacks ${k}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('#config= with Mazur\'s net → loss_next 0.2910277737', async () => {
  const { page, errors } = await open(browser.context, server.url + '#config=' + b64url(JSON.stringify(mazur)));
  const s = await page.evaluate(() => window.gradflow.getState());
  assert.ok(near(s.loss_next, 0.2910277737, 1e-9), `loss_next ${s.loss_next}`);
  assert.deepEqual(errors, []);
  assert.ok(await page.evaluate(() => document.getElementById('notice').hidden));
  await page.close();
});

test('the screenshot is not blank', async () => {
  const { page } = await open(browser.context, server.url + '?preset=seed');
  await page.waitForTimeout(500);
  await screenshot(page, 'page-seed.png');
  const grid = [];
  for (let x = 20; x < 1280; x += 40) for (let y = 20; y < 720; y += 40) grid.push([x, y]);
  const px = await pixels(page, grid);
  const lum = px.map(([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b);
  const mean = lum.reduce((a, b) => a + b, 0) / lum.length;
  const sd = Math.sqrt(lum.reduce((a, b) => a + (b - mean) ** 2, 0) / lum.length);
  console.log(`  luminance over a 40 px grid: mean ${mean.toFixed(1)}, sd ${sd.toFixed(1)}`);
  assert.ok(sd > 5, `the picture is nearly uniform (sd ${sd.toFixed(2)})`);
  await page.close();
});

test('nodes are drawn where nodePositions() says', async () => {
  const { page } = await open(browser.context, server.url + '?preset=seed&view=gradients');
  await page.waitForTimeout(500);
  const pos = await page.evaluate(() => window.gradflow.nodePositions());
  const names = Object.keys(pos).filter((n) => !n.startsWith('w_'));
  assert.ok(names.length >= 12, `nodePositions() gave ${names.length} nodes`);
  // Each node centre against a corner away from any node: nodes must differ from the background.
  const samples = await pixels(page, names.map((n) => pos[n]).concat([[4, 4]]));
  const bg = samples.pop();
  const differs = samples.filter((p) => Math.abs(p[0] - bg[0]) + Math.abs(p[1] - bg[1]) + Math.abs(p[2] - bg[2]) > 30);
  console.log(`  ${differs.length}/${samples.length} node centres differ from the background ${bg}`);
  await screenshot(page, 'page-seed-gradients.png');
  assert.ok(differs.length >= samples.length * 0.9, `only ${differs.length} of ${samples.length} node centres are drawn`);
  await page.close();
});

test('no WebGL 2: a styled message, not a blank page', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
  });
  await page.goto(server.url);
  await page.waitForSelector('#error:not(.hidden)', { timeout: 10000 });
  const title = await page.textContent('#error-title');
  assert.match(title, /WebGL 2 is not available/);
  await assert.rejects(page.evaluate(() => window.gradflow.ready), /WebGL 2/);
  await screenshot(page, 'page-no-webgl2.png');
  await page.close();
});

test('the module fails to download: the message says so', async () => {
  const page = await browser.context.newPage();
  await page.route('**/gradflow.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(server.url);
  await page.waitForSelector('#error:not(.hidden)', { timeout: 10000 });
  assert.match(await page.textContent('#error-detail'), /HTTP 404/);
  await page.close();
});

test('gradflow.js missing (HTTP 404): the message says what is missing and what to do', async () => {
  const page = await browser.context.newPage();
  await page.route('**/gradflow.js', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not here' }));
  await page.goto(server.url);
  await page.waitForSelector('#error:not(.hidden)', { timeout: 10000 });
  assert.match(await page.textContent('#error-title'), /gradflow could not be loaded/);
  const text = await page.textContent('#error-text');
  assert.match(text, /gradflow\.js/);
  assert.match(text, /Reload the page/);
  assert.match(text, /same folder as this page/);
  await assert.rejects(page.evaluate(() => window.gradflow.ready), /gradflow\.js/);
  await screenshot(page, 'page-no-gradflow-js.png');
  await page.close();
});

test('the WebGL context is lost while running: the page says so and how to continue', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=seed');
  assert.ok(await page.evaluate(() => document.getElementById('error').classList.contains('hidden')), 'no error before');
  await page.waitForTimeout(300);
  assert.ok(await page.evaluate(() => document.getElementById('error').classList.contains('hidden')), 'no error by itself');
  // The canvas already has a WebGL 2 context, so getContext returns that same one.
  const lost = await page.evaluate(() => {
    const ext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    if (!ext) return false;
    ext.loseContext();
    return true;
  });
  assert.ok(lost, 'WEBGL_lose_context is available');
  await page.waitForSelector('#error:not(.hidden)', { timeout: 5000 });
  assert.match(await page.textContent('#error-title'), /graphics context was lost/);
  assert.match(await page.textContent('#error-text'), /Reload the page to continue/);
  const call = await page.evaluate(() => { try { window.gradflow.getState(); return 'answered'; } catch (e) { return e.message; } });
  assert.match(call, /graphics context was lost/, 'the API says why it stopped');
  await screenshot(page, 'page-context-lost.png');
  assert.deepEqual(errors.filter((e) => !/WebGL|GL_|context/i.test(e)), []);
  await page.close();
});

// 98-999-1: 98·999 + 999 + 999·1 + 1 = 99,901 parameters, just under the page's 100,000.
const nearLimit = {
  layers: [98, 999, 1], activations: ['tanh', 'sigmoid'], loss: 'sse', init_seed: 3,
  x: Array.from({ length: 98 }, (_, i) => ((i * 37) % 19) / 19 - 0.5), y: [1],
};

test('a network near the page\'s limit (99,901 parameters) loads from #config= and animates', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(countAppFrames);
  const { errors } = await open(browser.context, server.url + '?autoplay=0#config=' + b64url(JSON.stringify(nearLimit)), { page });
  assert.ok(await page.evaluate(() => document.getElementById('notice').hidden), 'accepted without a notice');
  const cfg = await page.evaluate(() => window.gradflow.getConfig());
  assert.deepEqual(cfg.layers, [98, 999, 1]);
  const s0 = await page.evaluate(() => window.gradflow.getState());
  assert.equal(s0.playing, false);
  assert.equal(s0.dW[0].length, 999);
  assert.equal(s0.dW[0][0].length, 98);
  await page.evaluate(() => window.gradflow.play());
  const frames0 = await page.evaluate(() => window.gradflowFrames);
  await page.waitForFunction(([t, f]) => window.gradflow.getState().t > t + 0.1 && window.gradflowFrames > f + 1, [s0.t, frames0], { timeout: 30000 });
  const f = await page.evaluate(() => window.gradflowFrames);
  console.log(`  99,901 parameters: playing, ${f - frames0} frames drawn after play()`);
  await screenshot(page, 'page-near-limit.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the same network through setConfig(), and one more neuron is refused with the limit named', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=seed&autoplay=0');
  assert.deepEqual(await page.evaluate((c) => window.gradflow.setConfig(c), nearLimit), { ok: true });
  const t0 = (await page.evaluate(() => window.gradflow.getState())).t;
  await page.evaluate(() => window.gradflow.play());
  await page.waitForFunction((t) => window.gradflow.getState().t > t + 0.1, t0, { timeout: 30000 });
  const over = { ...nearLimit, layers: [98, 1000, 1] };   // 100,001 parameters
  const refused = await page.evaluate((c) => window.gradflow.setConfig(c), over);
  assert.equal(refused.ok, false);
  assert.match(refused.error, /100001 parameters/);
  assert.match(refused.error, /at most 100000/);
  assert.deepEqual((await page.evaluate(() => window.gradflow.getConfig())).layers, [98, 999, 1], 'the old network stays');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page has a title, a favicon and link-preview tags, and fetches only its own files', () => {
  const html = readFileSync(`${webDir}/index.html`, 'utf8');
  assert.match(html, /<title>gradflow[^<]+<\/title>/);
  assert.match(html, /<link rel="icon" href="data:image\/svg\+xml/);
  assert.match(html, /property="og:title"/);
  assert.match(html, /property="og:description"/);
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing absolute');
});

test('prefers-reduced-motion reaches the app; ?contrast=high and ?view= are kept in share links', async () => {
  const calm = await launch({ reducedMotion: 'reduce' });
  try {
    const { page, errors } = await open(calm.context, server.url + '?preset=seed&contrast=high&view=gradients&embed=1');
    const info = await page.evaluate(() => window.gradflow.ready);
    assert.equal(info.reducedMotion, true);
    assert.equal(info.highContrast, true);
    const url = await page.evaluate(() => window.gradflow.shareUrl());
    assert.match(url, /view=gradients/);
    assert.match(url, /contrast=high/);
    assert.match(url, /embed=1/);
    assert.deepEqual(errors, []);
    await screenshot(page, 'page-contrast-embed.png');
    await page.close();
  } finally {
    await calm.close();
  }
  const { page } = await open(browser.context, server.url + '?motion=full');
  assert.equal((await page.evaluate(() => window.gradflow.ready)).reducedMotion, false);
  await page.close();
});
