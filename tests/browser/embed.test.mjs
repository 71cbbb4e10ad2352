// The postMessage API from a different origin: the example course page is served on one port,
// gradflow on another, and the page's own buttons drive the embed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, near, webDir, timeoutMs } from './lib/harness.mjs';

let browser, app, course, page, frame;
before(async () => {
  browser = await launch({ viewport: { width: 1000, height: 1400 } });
  app = await serve(webDir);
  course = await serve(webDir);   // a second server: a different origin (another port)
  ({ page } = await open(browser.context, `${course.url}embed-example.html?src=${encodeURIComponent(app.url)}`,
                         { wait: false, allowedOrigins: [new URL(app.url).origin, new URL(course.url).origin] }));
  await page.waitForFunction(() => window.course.events.filter((e) => e.event === 'ready').length === 2, null, { timeout: timeoutMs });
  frame = page.frames().find((f) => f.url().includes('preset=seed'));
});
after(async () => { await browser?.close(); app?.close(); course?.close(); });

const call = (method, ...args) => page.evaluate(([m, a]) => window.course.call(window.course.frames.seed, m, ...a), [method, args]);
const raw = (message) => page.evaluate((msg) => new Promise((resolve) => {
  const on = (e) => { if (e.data && e.data.type === 'gradflow' && !e.data.event) { window.removeEventListener('message', on); resolve(e.data); } };
  window.addEventListener('message', on);
  window.course.frames.seed.contentWindow.postMessage(msg, '*');
}), message);

test('the embedding page is another origin and cannot reach window.gradflow directly', async () => {
  const crossOrigin = await page.evaluate(() => { try { return !window.course.frames.seed.contentWindow.gradflow; } catch { return true; } });
  assert.ok(crossOrigin);
});

test('getState over postMessage: the seed, focused on w_212 from the iframe\'s link', async () => {
  const s = await call('getState');
  assert.ok(near(s.loss, 0.0903693617082709, 1e-12));
  assert.equal(s.focus, 'w_212');
});

test('the course page\'s buttons drive the embed; phase and focus events come back', async () => {
  const before = (await call('getState')).t;
  await page.click('button[data-call="step"]');
  await page.waitForFunction((t0) => window.course.events.some((e) => e.from === 'seed' && e.event === 'phase'), before, { timeout: 10000 });
  const after = (await call('getState')).t;
  assert.ok(after > before, `step moved t from ${before} to ${after}`);
  await page.click('button[data-args=\'["w_111"]\']');
  await page.waitForFunction(() => window.course.events.some((e) => e.event === 'focus' && e.focus === 'w_111'), null, { timeout: 10000 });
  assert.match(await page.textContent('#status'), /w_111/);
  await page.click('#derive');
  await page.waitForSelector('#derivation:not([hidden])');
  assert.match(await page.textContent('#derivation'), /∂L\/∂w_111/);
  await screenshot(page, 'embed-example.png');
});

test('setConfig over postMessage: ok, and an error keeps the network', async () => {
  const bad = await call('setConfig', { layers: [2] });
  assert.equal(bad.ok, false);
  assert.match(bad.error, /.{10,}/);
  assert.ok(near((await call('getState')).loss, 0.0903693617082709, 1e-12));
});

test('malformed messages are answered with an error and change nothing', async () => {
  const before = await call('getState');
  const replies = [];
  for (const msg of [
    { type: 'gradflow', id: 101, method: 'explode' },
    { type: 'gradflow', id: 102, method: 'seek', args: ['soon'] },
    { type: 'gradflow', id: 103, method: 'seek', args: [1, 2] },
    { type: 'gradflow', id: 104, method: 'focus', args: ['w_999'] },
    { type: 'gradflow', id: 105, method: 'play', args: 'now' },
    { type: 'gradflow', id: 106 },
    { type: 'gradflow', id: { nested: true }, method: 'play' },
    'play',
    42,
  ]) replies.push(await raw(msg));
  for (const r of replies) {
    assert.equal(r.type, 'gradflow');
    assert.ok(typeof r.error === 'string' && r.error.length > 5, JSON.stringify(r));
    assert.ok(!('result' in r));
  }
  assert.equal(replies[0].id, 101);
  assert.match(replies[0].error, /no method "explode"/);
  assert.match(replies[1].error, /must be a number/);
  const after = await call('getState');
  assert.equal(after.t, before.t);
  assert.equal(after.focus, before.focus);
  assert.equal(after.playing, false);
});

test('messages typed for someone else are ignored', async () => {
  const answered = await page.evaluate(() => new Promise((resolve) => {
    const on = (e) => { if (e.data && e.data.type === 'gradflow' && !e.data.event) resolve(true); };
    window.addEventListener('message', on);
    window.course.frames.seed.contentWindow.postMessage({ type: 'react-devtools', method: 'play' }, '*');
    setTimeout(() => { window.removeEventListener('message', on); resolve(false); }, 500);
  }));
  assert.equal(answered, false);
});
