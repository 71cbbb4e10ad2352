// Mouse, keyboard and touch on the canvas: play() advances t, keys step inside an iframe (after a
// click gives it focus) and still do after a blur with a key held, a tap and a drag on a
// phone-sized touch screen. Each starts where its effect cannot happen by itself (paused, nothing
// focused, the picture still) and checks that first. Clicks on edges and keys on the page itself
// run in Chromium and Firefox alike (browsers.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, timeoutMs } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const state = (target) => target.evaluate(() => window.gradflow.getState());

test('paused by the link, t holds; play() advances it; pause() holds it again', async () => {
  const { page } = await open(browser.context, server.url + '?preset=seed&autoplay=0');
  const s0 = await state(page);
  assert.equal(s0.playing, false);
  await page.waitForTimeout(1000);
  assert.equal((await state(page)).t, s0.t, 'nothing moves before play()');
  await page.evaluate(() => window.gradflow.play());
  await page.waitForFunction((t) => window.gradflow.getState().t > t + 0.2, s0.t, { timeout: 10000 });
  await page.evaluate(() => window.gradflow.pause());
  const held = (await state(page)).t;
  await page.waitForTimeout(300);
  assert.equal((await state(page)).t, held);
  await page.close();
});

test('keyboard stepping works inside an iframe after a click, and after a blur with a key held', async () => {
  const page = await browser.context.newPage();
  await page.setContent(`<p>course text</p><iframe src="${server.url}?preset=seed&embed=1&autoplay=0" width="800" height="450" title="gradflow"></iframe>`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => window.Module && window.Module.gradflowFirstFrame, null, { timeout: timeoutMs });
  await frame.evaluate(() => window.gradflow.ready);
  const box = await (await page.$('iframe')).boundingBox();
  const s0 = await state(frame);
  assert.equal(s0.playing, false);
  // The next two events' starts, asked of the API, then back to where the keys start from.
  const [next1, next2] = await frame.evaluate((t) => {
    const g = window.gradflow;
    g.seek(t); const a = g.step().t; const b = g.step().t; g.seek(t);
    return [a, b];
  }, s0.t);
  assert.ok(next1 > s0.t && next2 > next1, `events ahead: ${s0.t} → ${next1} → ${next2}`);

  await page.mouse.click(box.x + 20, box.y + box.height - 20);
  await page.waitForTimeout(700);
  const clicked = await state(frame);
  assert.equal(clicked.t, s0.t, 'the click (and time) alone do not move t');
  assert.equal(clicked.playing, false);
  await page.keyboard.press('ArrowRight');
  await frame.waitForFunction((t) => window.gradflow.getState().t !== t, s0.t, { timeout: 5000 });
  assert.equal((await state(frame)).t, next1, '→ steps to the next event');

  // The focus leaving the iframe with a key held: SDL's blur handler resets the keyboard and
  // ImGui clears its keys on focus loss, so after coming back the arrow still just steps once.
  await page.keyboard.down('Shift');
  await page.mouse.click(5, 5);                       // the course text: the iframe blurs
  await page.keyboard.up('Shift');                    // released outside: the iframe never hears it
  await page.mouse.click(box.x + 20, box.y + box.height - 20);
  await page.waitForTimeout(300);
  assert.equal((await state(frame)).t, next1, 'coming back does not move t');
  await page.keyboard.press('ArrowRight');
  await frame.waitForFunction((t) => window.gradflow.getState().t !== t, next1, { timeout: 5000 });
  assert.equal((await state(frame)).t, next2, '→ steps to the event after');
  await page.close();
});

test('touch: a tap selects, a drag pans, on a phone-sized screen', async () => {
  const phone = await launch({ viewport: { width: 390, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    const { page, errors } = await open(phone.context, server.url + '?preset=mazur');
    const before = await page.evaluate(() => window.gradflow.nodePositions());
    await page.waitForTimeout(500);
    assert.deepEqual(await page.evaluate(() => window.gradflow.nodePositions()), before, 'the picture holds still by itself');
    assert.equal((await state(page)).focus, null, 'nothing focused before the tap');
    const [nx, ny] = before.a_21;
    await page.touchscreen.tap(nx, ny);
    await page.waitForFunction(() => window.gradflow.getState().focus === 'a_21', null, { timeout: 5000 });
    // A one-finger drag from empty canvas pans the picture (SDL turns touches into mouse events).
    const cdp = await phone.context.newCDPSession(page);
    const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const [sx, sy] = [before.x_1[0] + 30, Math.min(before.x_1[1], before.x_2[1]) + 30];
    await touch('touchStart', sx, sy);
    for (let i = 1; i <= 10; ++i) await touch('touchMove', sx + 6 * i, sy + 4 * i);
    await touch('touchEnd');
    await page.waitForTimeout(300);
    const after = await page.evaluate(() => window.gradflow.nodePositions());
    const moved = Math.hypot(after.L[0] - before.L[0], after.L[1] - before.L[1]);
    console.log(`  tap focused a_21; drag moved the picture by ${moved.toFixed(1)} px`);
    assert.ok(moved > 20, `a drag should pan (moved ${moved.toFixed(1)} px)`);
    // Two fingers spreading apart zoom in: the picture's span grows.
    const span = (p) => Math.hypot(p.L[0] - p.x_1[0], p.L[1] - p.x_1[1]);
    const [cx, cy] = [150, 420];
    const pinch = (type, d) => cdp.send('Input.dispatchTouchEvent', { type,
      touchPoints: type === 'touchEnd' ? [] : [{ x: cx - d, y: cy, id: 0 }, { x: cx + d, y: cy, id: 1 }] });
    await pinch('touchStart', 20);
    for (let i = 1; i <= 10; ++i) await pinch('touchMove', 20 + 8 * i);
    await pinch('touchEnd');
    await page.waitForTimeout(300);
    const zoomed = await page.evaluate(() => window.gradflow.nodePositions());
    console.log(`  pinch: span ${span(after).toFixed(0)} → ${span(zoomed).toFixed(0)} px`);
    assert.ok(span(zoomed) > span(after) * 1.1, 'spreading two fingers zooms in');
    assert.deepEqual(errors, []);
    await screenshot(page, 'phone.png');
    await page.close();
  } finally {
    await phone.close();
  }
});
