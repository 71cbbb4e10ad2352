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

// A real click on a button of the course page (its centre, through the mouse).
async function press(selector) {
  const b = await (await page.$(selector)).boundingBox();
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
}

test('the course page\'s buttons drive the embed; phase and focus events come back', async () => {
  // The course page opens this embed paused (autoplay=0): nothing moves until a button is pressed.
  const before = await call('getState');
  assert.equal(before.playing, false);
  await page.waitForTimeout(1000);
  assert.equal((await call('getState')).t, before.t, 'paused: t holds by itself');
  const heard = await page.evaluate(() => window.course.events.length);
  await press('button[data-call="step"]');
  await page.waitForFunction((n) => window.course.events.slice(n).some((e) => e.from === 'seed' && e.event === 'phase'), heard, { timeout: 10000 });
  const after = await call('getState');
  const phase = await page.evaluate((n) => window.course.events.slice(n).find((e) => e.from === 'seed' && e.event === 'phase'), heard);
  assert.ok(after.t > before.t, `step moved t from ${before.t} to ${after.t}`);
  assert.equal(after.playing, false, 'a step, not play');
  assert.equal(phase.t, after.t, 'the phase event says where the step went');
  assert.equal(phase.phase, after.phase);
  assert.ok((await page.textContent('#status')).includes(`Now: ${after.phase} `), 'the course page shows the phase');
  // Exactly one event on: back where it started, the API's own step lands on the same time.
  await call('seek', before.t);
  assert.equal((await call('step')).t, after.t);
  assert.equal((await call('getState')).focus, 'w_212');
  await press('button[data-args=\'["w_111"]\']');
  await page.waitForFunction(() => window.course.events.some((e) => e.event === 'focus' && e.focus === 'w_111'), null, { timeout: 10000 });
  assert.match(await page.textContent('#status'), /w_111/);
  await press('#derive');
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
