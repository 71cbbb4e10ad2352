// A key is handled once: by the text field being edited, else by the timeline; a panel button
// clicked earlier does not also hear Space. Taps shorter than a frame still count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, controlBoxes } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const state = (page) => page.evaluate(() => window.gradflow.getState());
const widgets = controlBoxes;
const centre = (r) => [r[0] + r[2] / 2, r[1] + r[3] / 2];

test('after clicking an edge and Copy LaTeX, the arrows and Space drive the timeline and press no button', async () => {
  const { page, errors } = await open(browser.context, server.url + '?autoplay=0');
  const pos = await page.evaluate(() => window.gradflow.nodePositions());
  await page.mouse.click(...pos.w_212);
  await page.waitForFunction(() => window.gradflow.getState().focus === 'w_212', null, { timeout: 5000 });
  await page.waitForTimeout(500); // the inspector lays itself out for the new focus
  const w = await widgets(page);
  assert.ok(w['Copy LaTeX'], `Copy LaTeX is drawn (${Object.keys(w).join(', ')})`);
  await page.mouse.click(...centre(w['Copy LaTeX']));
  await page.waitForFunction(() => window.gradflow.layout().buttons['LaTeX copied'], null, { timeout: 2000, polling: 50 })
    .catch(() => assert.fail(`the copy is confirmed on the button (${JSON.stringify(w['Copy LaTeX'])})`));
  const t0 = (await state(page)).t;
  // The arrows once walked ImGui's focus through the inspector's widgets, and Space pressed them.
  await page.keyboard.press('ArrowRight', { delay: 40 });
  await page.waitForTimeout(150);
  await page.keyboard.press('ArrowDown', { delay: 40 });
  await page.waitForTimeout(150);
  const t1 = (await state(page)).t;
  assert.ok(t1 > t0, `ArrowRight stepped the timeline (${t0} → ${t1})`);
  await page.keyboard.press('Space', { delay: 40 });
  await page.waitForTimeout(300);
  const s = await state(page);
  assert.equal(s.playing, true, 'Space played the animation');
  assert.equal(s.focus, 'w_212', 'and pressed no panel button (Clear, a focus pick)');
  await page.keyboard.press('Space', { delay: 40 });
  await page.waitForTimeout(200);
  assert.equal((await state(page)).playing, false, 'Space again pauses');
  assert.equal((await state(page)).focus, 'w_212');
  await screenshot(page, 'keys-after-copy-latex.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 0 ms key press steps exactly once, every time', async () => {
  const { page } = await open(browser.context, server.url + '?autoplay=0');
  const box = await page.evaluate(() => { const r = document.querySelector('canvas').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });
  await page.mouse.click(box[0] + box[2] / 2, box[1] + box[3] - 60); // the canvas, away from any node
  await page.waitForTimeout(200);
  // A slow machine (frames far apart): the CPU slowed down 30×, and the press's key-down and
  // key-up sent together, as a quick tap between two frames arrives.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 30 });
  const key = (type) => cdp.send('Input.dispatchKeyEvent', { type, key: 'ArrowRight', code: 'ArrowRight', windowsVirtualKeyCode: 39 });
  const times = [(await state(page)).t];
  for (let i = 0; i < 6; ++i) {
    if (i % 2) await page.keyboard.press('ArrowRight', { delay: 0 });
    else await Promise.all([key('rawKeyDown'), key('keyUp')]);
    // Until the step shows (slow frames), or long enough that a lost press is plain.
    await page.waitForFunction((t) => window.gradflow.getState().t !== t, times[i], { timeout: 4000, polling: 100 }).catch(() => {});
    await page.waitForTimeout(300); // and no second step follows
    times.push((await state(page)).t);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  console.log(`  t after each 0 ms ArrowRight: ${times.map((t) => t.toFixed(3)).join(' ')}`);
  for (let i = 1; i < times.length; ++i) assert.ok(times[i] > times[i - 1], `press ${i} was counted (${times.join(', ')})`);
  // Exactly once: the same number of steps taken by a held (80 ms) press from the start.
  const { page: p2 } = await open(browser.context, server.url + '?autoplay=0');
  await p2.mouse.click(box[0] + box[2] / 2, box[1] + box[3] - 60);
  await p2.waitForTimeout(200);
  for (let i = 0; i < 6; ++i) { await p2.keyboard.press('ArrowRight', { delay: 80 }); await p2.waitForTimeout(100); }
  assert.equal((await state(p2)).t, times[times.length - 1], 'six quick taps end where six ordinary presses do');
  await page.close();
  await p2.close();
});

test('two taps of the same key between two frames step twice', async () => {
  // Once, the first tap's release and the second tap's press reached ImGui in the same frame,
  // which read them as one key held down: the second step was lost (seen as a flaky a11y test).
  const { page } = await open(browser.context, server.url + '?autoplay=0');
  const box = await page.evaluate(() => { const r = document.querySelector('canvas').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; });
  await page.mouse.click(box[0] + box[2] / 2, box[1] + box[3] - 60);
  await page.waitForTimeout(200);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 30 });
  const key = (type) => cdp.send('Input.dispatchKeyEvent', { type, key: 'ArrowRight', code: 'ArrowRight', windowsVirtualKeyCode: 39 });
  const t0 = (await state(page)).t;
  await Promise.all([key('rawKeyDown'), key('keyUp'), key('rawKeyDown'), key('keyUp')]);
  await page.waitForTimeout(3000); // slow frames: the held events drain over the next few
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  const t2 = (await state(page)).t;
  // Where two ordinary presses end, from the same start.
  const { page: p2 } = await open(browser.context, server.url + '?autoplay=0');
  await p2.mouse.click(box[0] + box[2] / 2, box[1] + box[3] - 60);
  await p2.waitForTimeout(200);
  assert.equal((await state(p2)).t, t0, 'both pages start at the same moment');
  await p2.keyboard.press('ArrowRight', { delay: 80 });
  await p2.waitForTimeout(150);
  const t1 = (await state(p2)).t;
  await p2.keyboard.press('ArrowRight', { delay: 80 });
  await p2.waitForTimeout(150);
  assert.ok(t2 > t1, `two quick taps went past one step (t ${t0} → ${t2}; one step: ${t1})`);
  assert.equal(t2, (await state(p2)).t, 'and end where two ordinary presses do');
  await page.close();
  await p2.close();
});
