// Idle when nothing moves: a paused, untouched page issues no WebGL draw call; a real mouse move,
// a key press and a page API call wake it, and it goes quiet again afterwards; while playing it
// draws continuously; an iframe scrolled out of view and a hidden tab draw nothing and resume
// where they were. Draw calls are counted in every frame by wrapping WebGL2's drawElements and
// drawArrays before the page's scripts run (the honest measure: a skipped frame draws nothing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, webDir, timeoutMs } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch({ viewport: { width: 1280, height: 800 } }); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const countDraws = () => {
  window.gfDraws = 0;
  const proto = WebGL2RenderingContext.prototype;
  for (const name of ['drawElements', 'drawArrays']) {
    const real = proto[name];
    proto[name] = function (...args) { ++window.gfDraws; return real.apply(this, args); };
  }
};
const draws = (target) => target.evaluate(() => window.gfDraws);
// Draw calls issued during `ms` milliseconds.
async function drawsDuring(target, ms) {
  const d0 = await draws(target);
  await new Promise((r) => setTimeout(r, ms));
  return (await draws(target)) - d0;
}
// The few frames drawn after a wake, on a loaded 2-core machine, can take most of a second.
const settle = (page) => page.waitForTimeout(1200);
const state = (target) => target.evaluate(() => window.gradflow.getState());

async function openPaused(query = '?preset=seed&focus=w_212&autoplay=0') {
  const page = await browser.context.newPage();
  await page.addInitScript(countDraws);
  await open(browser.context, server.url + query, { page });
  return page;
}

test('paused and untouched: no draw call over 2 s', async () => {
  const page = await openPaused();
  assert.equal((await state(page)).playing, false);
  assert.ok((await draws(page)) > 0, 'the first frames were drawn (the counter sees the page draw)');
  await settle(page);
  assert.equal(await drawsDuring(page, 2000), 0, 'a still page draws nothing');
  await page.close();
});

test('a real mouse move and a key press wake it, then it idles again', async () => {
  const page = await openPaused();
  await settle(page);
  assert.equal(await drawsDuring(page, 500), 0, 'asleep before the mouse moves');
  const pos = await page.evaluate(() => window.gradflow.nodePositions());
  const [x, y] = pos.a_21;
  await page.mouse.move(x - 60, y - 60);
  await page.mouse.move(x, y, { steps: 5 });
  await page.waitForTimeout(200);
  assert.ok((await draws(page)) > 0, 'the mouse move was drawn');
  await settle(page);
  assert.equal(await drawsDuring(page, 1000), 0, 'asleep again after the hover was shown');

  const t0 = (await state(page)).t;
  const d0 = await draws(page);
  await page.keyboard.press('ArrowRight');   // the canvas has the keyboard (a top-level page focuses it)
  await page.waitForFunction((t) => window.gradflow.getState().t > t, t0, { timeout: 5000 });
  await page.waitForTimeout(200);
  assert.ok((await draws(page)) > d0, 'the step the key took was drawn');
  await settle(page);
  assert.equal(await drawsDuring(page, 1000), 0, 'asleep again after the step');
  await page.close();
});

test('a page API call wakes it and the change is drawn, then it idles again', async () => {
  const page = await openPaused();
  await settle(page);
  assert.equal(await drawsDuring(page, 500), 0, 'asleep before the call');
  const events = [];
  await page.exposeFunction('gfEvent', (e) => events.push(e));
  await page.evaluate(() => window.gradflow.on('phase', (e) => window.gfEvent(e)));
  const d0 = await draws(page);
  await page.evaluate(() => window.gradflow.seek(2.5));
  await page.waitForTimeout(300);
  assert.ok((await draws(page)) > d0, 'the seek was drawn');
  assert.ok(events.some((e) => e.t === 2.5), `the phase event a frame sends came: ${JSON.stringify(events)}`);
  await settle(page);
  assert.equal(await drawsDuring(page, 1000), 0, 'asleep again after the seek');
  await page.close();
});

test('while playing it draws continuously, and stops once paused', async () => {
  const page = await openPaused();
  await page.waitForTimeout(500);
  await page.evaluate(() => window.gradflow.play());
  await page.waitForTimeout(300);
  const d = await drawsDuring(page, 1000);
  assert.ok(d >= 10, `${d} draw calls in 1 s of play`);
  await page.evaluate(() => window.gradflow.pause());
  await settle(page);
  assert.equal(await drawsDuring(page, 1000), 0, 'paused again: nothing drawn');
  await page.close();
});

// Reading GL state back (getParameter, isEnabled, getError) makes the page wait for the GPU
// process to finish everything queued; ImGui's own OpenGL3 backend did it ~20 times a frame
// (src/platform/imgui_gl.hpp). The story's frames set their state and read none.
test('while playing, frames read no GL state back', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(countDraws);
  await page.addInitScript(() => {
    window.gfReads = 0;
    const proto = WebGL2RenderingContext.prototype;
    for (const name of ['getParameter', 'isEnabled', 'getError', 'getIntegerv'])
      if (proto[name]) {
        const real = proto[name];
        proto[name] = function (...args) { ++window.gfReads; return real.apply(this, args); };
      }
  });
  await open(browser.context, server.url + '?preset=seed&focus=w_212', { page });
  await page.waitForTimeout(1500); // start-up's one-off reads (shaders, limits) are over
  const r0 = await page.evaluate(() => window.gfReads);
  const d = await drawsDuring(page, 1500);
  const reads = (await page.evaluate(() => window.gfReads)) - r0;
  assert.ok(d >= 10, `${d} draw calls in 1.5 s of play`);
  assert.equal(reads, 0, `${reads} GL state reads during ${d} draw calls of play`);
  await page.close();
});

test('an iframe scrolled out of view draws nothing and resumes where it was', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(countDraws);
  await page.setContent(`<p>course text</p><iframe src="${server.url}?preset=seed&embed=1&autoplay=1" width="800" height="450" title="gradflow"></iframe><div style="height:3000px">more text</div>`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => window.Module && window.Module.gradflowFirstFrame, null, { timeout: timeoutMs });
  await frame.evaluate(() => window.gradflow.ready);
  await page.waitForTimeout(300);
  assert.equal((await state(frame)).playing, true);
  assert.ok((await drawsDuring(frame, 500)) > 0, 'in view and playing: drawn');

  await page.mouse.wheel(0, 2000);   // the reader scrolls on, past the figure
  await page.waitForFunction(() => window.scrollY > 1000);
  await page.waitForTimeout(300);
  const t0 = (await state(frame)).t;
  assert.equal(await drawsDuring(frame, 1500), 0, 'out of view: nothing drawn');
  const held = await state(frame);
  assert.equal(held.t, t0, 'out of view: t stands still');
  assert.equal(held.playing, true, 'and it is still playing');

  const back = Date.now();
  await page.mouse.wheel(0, -3000);   // back up to the figure
  await page.waitForFunction(() => window.scrollY === 0);
  await page.waitForTimeout(500);
  assert.ok((await drawsDuring(frame, 500)) > 0, 'back in view: drawn again');
  const resumed = (await state(frame)).t;
  // Played since it came back, at speed 1 (plus one capped frame step), not the time away as well.
  const since = (Date.now() - back) / 1000;
  assert.ok(resumed > t0 && resumed <= t0 + since + 0.25, `resumed from t = ${t0}, not jumped: ${resumed} after ${since} s`);
  await page.close();
});

test('a hidden tab draws nothing and resumes where it was', async () => {
  const page = await openPaused('?preset=seed&autoplay=1');
  await page.waitForTimeout(300);
  assert.ok((await drawsDuring(page, 500)) > 0, 'visible and playing: drawn');
  // Headless Chromium keeps every tab visible: say it is hidden the way a browser does.
  const setHidden = (hidden) => page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  await page.waitForTimeout(200);
  const t0 = (await state(page)).t;
  assert.equal(await drawsDuring(page, 1500), 0, 'hidden: nothing drawn');
  assert.equal((await state(page)).t, t0, 'hidden: t stands still');
  const back = Date.now();
  await setHidden(false);
  await page.waitForTimeout(500);
  assert.ok((await drawsDuring(page, 500)) > 0, 'visible again: drawn');
  const resumed = (await state(page)).t;
  // Played since it came back, at speed 1 (plus one capped frame step), not the time away as well.
  const since = (Date.now() - back) / 1000;
  assert.ok(resumed > t0 && resumed <= t0 + since + 0.25, `resumed from t = ${t0}, not jumped: ${resumed} after ${since} s`);
  await page.close();
});
