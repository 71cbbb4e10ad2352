// Issue 8 in the page: pick spiral in the data panel with the mouse, press ▶ Train, watch the
// epoch counter rise and the loss fall, click a data point and see it become the sample.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, controlBoxes } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch({ viewport: { width: 1280, height: 800 } }); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const centre = (r) => [r[0] + r[2] / 2, r[1] + r[3] / 2];
const state = (page) => page.evaluate(() => window.gradflow.getState());

test('spiral picked with the mouse trains by epochs, the loss falls, and a clicked point becomes the sample', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=circle&autoplay=0');
  await page.waitForTimeout(300);
  let w = await controlBoxes(page);
  assert.ok(w.dataset, `the data panel's dataset picker is drawn (${Object.keys(w).join(', ')})`);
  await page.mouse.click(...centre(w.dataset));
  await page.waitForFunction(() => 'dataset spiral' in window.gradflow.layout().buttons, null, { timeout: 10000, polling: 100 }).catch(() => {});
  w = await controlBoxes(page);
  assert.ok(w['dataset spiral'], 'the picker lists spiral');
  await page.mouse.click(...centre(w['dataset spiral']));
  await page.waitForFunction(() => window.gradflow.getConfig().dataset.name === 'spiral', null, { timeout: 10000, polling: 100 }).catch(() => {});
  assert.equal((await page.evaluate(() => window.gradflow.getConfig())).dataset.name, 'spiral');

  const start = await state(page);
  assert.equal(start.epoch, 0, 'a new dataset starts at epoch 0');
  assert.equal(start.training, false);
  assert.ok(Number.isFinite(start.train_loss), `train_loss is a number (${start.train_loss})`);
  w = await controlBoxes(page);
  await page.mouse.click(...centre(w.train));
  await page.waitForFunction(() => window.gradflow.getState().epoch >= 100, null, { timeout: 30000, polling: 100 });
  const mid = await state(page);
  assert.equal(mid.training, true);
  assert.ok(mid.train_loss < start.train_loss, `the loss fell: ${start.train_loss} → ${mid.train_loss} at epoch ${mid.epoch}`);
  assert.ok(Object.keys(await controlBoxes(page)).some((k) => /^epoch [1-9][0-9]+$/.test(k)), 'the counter shows the epoch');
  await screenshot(page, 'data-spiral-training.png');
  w = await controlBoxes(page);
  await page.mouse.click(...centre(w.train)); // ■ Pause
  // Under load a frame can take a few hundred ms: wait for the click to be seen.
  await page.waitForFunction(() => !window.gradflow.getState().training, null, { timeout: 10000, polling: 100 }).catch(() => {});
  const paused = await state(page);
  assert.equal(paused.training, false);
  await page.waitForTimeout(300);
  assert.equal((await state(page)).epoch, paused.epoch, 'paused: no more epochs');

  // A test point, clicked where layout() says it was drawn.
  const { points } = await page.evaluate(() => window.gradflow.layout());
  assert.equal(points.length, 500);
  const target = points.find((p) => p.kind === 'test' && p.index % 7 === 3);
  const xBefore = (await page.evaluate(() => window.gradflow.getConfig())).x;
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction(() => window.gradflow.getState().point !== null, null, { timeout: 10000, polling: 100 }).catch(() => {});
  const picked = await state(page);
  // The nearest point to the click wins; points can overlap, so the one reported is within a pixel.
  const chosen = points.find((p) => p.index === picked.point);
  assert.ok(chosen, `a point was chosen (${picked.point})`);
  assert.ok(Math.hypot(chosen.x - target.x, chosen.y - target.y) <= 1, 'the clicked point');
  const xAfter = (await page.evaluate(() => window.gradflow.getConfig())).x;
  assert.notDeepEqual(xAfter, xBefore, 'the sample x changed');
  assert.notDeepEqual(picked.a, paused.a, 'the forward pass is of the clicked point');
  await screenshot(page, 'data-spiral-point.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('train=1 in the link starts training and gradflow.train(false) stops it, with epoch events', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=gauss&train=1&autoplay=0');
  await page.evaluate(() => { window.epochs = []; window.gradflow.on('epoch', (e) => window.epochs.push(e.epoch)); });
  await page.waitForFunction(() => window.gradflow.getState().epoch >= 10, null, { timeout: 30000, polling: 100 });
  assert.ok((await page.evaluate(() => window.epochs.length)) > 0, 'epoch events arrived');
  const r = await page.evaluate(() => window.gradflow.train(false));
  assert.equal(r.ok, true);
  const st = await state(page);
  assert.equal(st.training, false);
  assert.ok(st.test_accuracy >= 0 && st.test_accuracy <= 1);
  // A wrong argument is the caller's mistake: thrown, with what to pass.
  const bad = await page.evaluate(() => { try { window.gradflow.train('yes'); return ''; } catch (e) { return e.message; } });
  assert.match(bad, /pass true to start training or false to stop/);
  assert.deepEqual(errors, []);
  await page.close();
});
