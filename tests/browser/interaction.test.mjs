// Mouse, keyboard and touch on the canvas: play advances t, clicking an edge focuses it, keys
// step inside an iframe (after a click gives it focus) and modifiers do not stick after a blur,
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
  // A modifier held while the focus leaves must not stay down.
  await page.keyboard.down('Shift');
  await page.evaluate(() => window.focus());
  await frame.evaluate(() => window.dispatchEvent(new Event('blur')));
  await page.keyboard.up('Shift');
  await page.close();
});

test('touch: a tap and a drag on a phone-sized screen keep the page alive', async () => {
  const phone = await launch({ viewport: { width: 390, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  try {
    const { page, errors } = await open(phone.context, server.url + '?preset=mazur');
    await page.touchscreen.tap(195, 370);
    const cdp = await phone.context.newCDPSession(page);
    const touch = (type, x, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    await touch('touchStart', 100, 400);
    for (let i = 1; i <= 10; ++i) await touch('touchMove', 100 + 15 * i, 400 + 5 * i);
    await touch('touchEnd');
    await page.waitForTimeout(300);
    const s = await page.evaluate(() => window.gradflow.getState());
    assert.ok(Number.isFinite(s.loss));
    assert.deepEqual(errors, []);
    await screenshot(page, 'phone.png');
    await page.close();
  } finally {
    await phone.close();
  }
});
