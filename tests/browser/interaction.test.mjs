// Mouse, keyboard and touch on the canvas: play advances t, clicking an edge focuses it, keys
// step inside an iframe (after a click gives it focus) and still do after a blur with a key held,
// a tap and a drag on a phone-sized touch screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, timeoutMs } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

test('play() advances t; pause() holds it', async () => {
  const { page } = await open(browser.context, server.url + '?preset=seed');
  const t0 = (await page.evaluate(() => window.gradflow.getState())).t;
  await page.evaluate(() => window.gradflow.play());
  await page.waitForFunction((t) => window.gradflow.getState().t > t + 0.2, t0, { timeout: 10000 });
  await page.evaluate(() => window.gradflow.pause());
  const held = (await page.evaluate(() => window.gradflow.getState())).t;
  await page.waitForTimeout(300);
  assert.equal((await page.evaluate(() => window.gradflow.getState())).t, held);
  await page.close();
});

test('clicking an edge focuses its weight', async () => {
  const { page } = await open(browser.context, server.url + '?preset=seed');
  const pos = await page.evaluate(() => window.gradflow.nodePositions());
  const [x, y] = pos.w_212;
  await page.mouse.click(x, y);
  await page.waitForFunction(() => window.gradflow.getState().focus === 'w_212', null, { timeout: 5000 });
  await screenshot(page, 'interaction-focus-w_212.png');
  await page.close();
});

test('keyboard stepping works inside an iframe after a click', async () => {
  const page = await browser.context.newPage();
  await page.setContent(`<p>course text</p><iframe src="${server.url}?preset=seed&embed=1" width="800" height="450" title="gradflow"></iframe>`);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => window.Module && window.Module.gradflowFirstFrame, null, { timeout: timeoutMs });
  await frame.evaluate(() => window.gradflow.ready);
  const box = await (await page.$('iframe')).boundingBox();
  await page.mouse.click(box.x + 20, box.y + box.height - 20);
  const t0 = await frame.evaluate(() => window.gradflow.getState().t);
  await page.keyboard.press('ArrowRight');
  await frame.waitForFunction((t) => window.gradflow.getState().t > t, t0, { timeout: 5000 });
  // The focus leaving the iframe with a key held: SDL's blur handler resets the keyboard and
  // ImGui clears its keys on focus loss, so after coming back the arrow still just steps.
  await page.keyboard.down('Shift');
  await page.mouse.click(5, 5);                       // the course text: the iframe blurs
  await page.keyboard.up('Shift');                    // released outside: the iframe never hears it
  await page.mouse.click(box.x + 20, box.y + box.height - 20);
  const t1 = await frame.evaluate(() => window.gradflow.getState().t);
  await page.keyboard.press('ArrowRight');
  await frame.waitForFunction((t) => window.gradflow.getState().t > t, t1, { timeout: 5000 });
  await page.close();
});

test('touch: a tap selects, a drag pans, on a phone-sized screen', async () => {
  const phone = await launch({ viewport: { width: 390, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    const { page, errors } = await open(phone.context, server.url + '?preset=mazur');
    await page.waitForTimeout(300);
    const before = await page.evaluate(() => window.gradflow.nodePositions());
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
