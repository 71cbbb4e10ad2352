// The same checks in Chromium and in Firefox ESR, so a Firefox-only break fails the suite: a first
// frame with no console errors, the notes' and Mazur's numbers through window.gradflow, and real
// keyboard and pointer input. Input tests start paused (autoplay=0) and first check that nothing
// moves by itself, so only the key or the click can make the change they look for.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { drivers } from './lib/browsers.mjs';
import { serve, near, webDir } from './lib/harness.mjs';

const SEED_LOSS = 0.0903693617082709;
const mazur = {
  layers: [2, 2, 2], activations: ['sigmoid', 'sigmoid'], loss: 'half_sse',
  W: [[[0.15, 0.2], [0.25, 0.3]], [[0.4, 0.45], [0.5, 0.55]]], b: [[0.35, 0.35], [0.6, 0.6]],
  x: [0.05, 0.1], y: [0.01, 0.99], learning_rate: 0.5, train_biases: false,
};
const b64url = (s) => Buffer.from(s).toString('base64url');
const state = (page) => page.evaluate(() => window.gradflow.getState());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Held for 60 ms, as fingers do. ImGui 1.86 polls key state once a frame, so a key pressed and
// released between two frames (which puppeteer's press does in Firefox) is never seen.
const tap = (page, key) => page.keyboard.press(key, { delay: 60 });

let server;
before(async () => { server = await serve(webDir); });
after(() => server?.close());

for (const name of Object.keys(drivers)) {
  describe(name, () => {
    // A browser that cannot start fails every test below with the reason (never a skip, and
    // not a hook failure that node reports as "cancelled").
    let started, failed;
    before(async () => {
      try { started = await drivers[name]({ width: 1280, height: 720 }); } catch (err) { failed = err; }
    });
    after(async () => { await started?.close(); });
    const browser = {
      open(...args) {
        if (failed) throw new Error(`${name} did not start: ${failed.message}`);
        return started.open(...args);
      },
    };

    test(`${name}: first frame with no console errors, the seed's numbers`, async () => {
      const page = await browser.open(server.url + '?preset=seed');
      const s = await state(page);
      assert.ok(near(s.loss, SEED_LOSS, 1e-12), `loss ${s.loss}`);
      assert.ok(near(s.dW[1][0][1], -0.137723376450254, 1e-12), `∂L/∂w_212 ${s.dW[1][0][1]}`);
      // One frame drawn after the first is the app still running, not a first frame and a stop.
      const t0 = s.t;
      await page.waitFor((t) => window.gradflow.getState().t > t, t0, 10000);
      await page.screenshot(`browsers-${name}-seed.png`);
      assert.deepEqual(page.errors, []);
      await page.close();
    });

    test(`${name}: #config= with Mazur's network gives his loss after one step`, async () => {
      const page = await browser.open(server.url + '#config=' + b64url(JSON.stringify(mazur)));
      const s = await state(page);
      assert.ok(near(s.loss, 0.298371109, 1e-9), `loss ${s.loss}`);
      assert.ok(near(s.loss_next, 0.2910277737, 1e-9), `loss_next ${s.loss_next}`);
      assert.ok(await page.evaluate(() => document.getElementById('notice').hidden), 'no notice for a good link');
      assert.deepEqual(page.errors, []);
      await page.close();
    });

    test(`${name}: paused, nothing moves; → steps one event, ← steps back, Space plays and pauses`, async () => {
      const page = await browser.open(server.url + '?preset=seed&autoplay=0');
      const s0 = await state(page);
      assert.equal(s0.playing, false, 'autoplay=0 opens paused');
      await sleep(1000);
      const still = await state(page);
      assert.equal(still.t, s0.t, 'paused: t does not move by itself');
      assert.equal(still.phase, s0.phase);

      await tap(page, 'ArrowRight');
      await page.waitFor((t) => window.gradflow.getState().t !== t, s0.t, 5000);
      const s1 = await state(page);
      assert.ok(s1.t > s0.t, `→ moves forward (${s0.t} → ${s1.t})`);
      assert.equal(s1.playing, false, '→ steps, it does not play');
      await sleep(400);
      assert.equal((await state(page)).t, s1.t, 'one press, one step');
      // The next event's start, asked of the API from the same place: the key made that change.
      const expected = await page.evaluate((t) => { window.gradflow.seek(t); return window.gradflow.step().t; }, s0.t);
      assert.equal(s1.t, expected, 'the next event, not some other time');
      await page.evaluate((t) => window.gradflow.seek(t), s1.t);

      await tap(page, 'ArrowLeft');
      await page.waitFor((t) => window.gradflow.getState().t !== t, s1.t, 5000);
      assert.equal((await state(page)).t, s0.t, '← returns to where → came from');

      await tap(page, 'Space');
      await page.waitFor(() => window.gradflow.getState().playing, null, 5000);
      await page.waitFor((t) => window.gradflow.getState().t > t + 0.2, s0.t, 10000);
      await tap(page, 'Space');
      await page.waitFor(() => !window.gradflow.getState().playing, null, 5000);
      const held = (await state(page)).t;
      await sleep(400);
      assert.equal((await state(page)).t, held, 'Space again pauses');
      assert.deepEqual(page.errors, []);
      await page.close();
    });

    test(`${name}: a click on an edge focuses its weight, and nothing else does`, async () => {
      const page = await browser.open(server.url + '?preset=seed&autoplay=0');
      assert.equal((await state(page)).focus, null, 'nothing is focused before the click');
      const pos = await page.evaluate(() => window.gradflow.nodePositions());
      await sleep(500);
      assert.equal((await state(page)).focus, null, 'and nothing focuses itself');
      const [x, y] = pos.w_212;
      await page.mouse.click(x, y);
      await page.waitFor(() => window.gradflow.getState().focus !== null, null, 5000);
      assert.equal((await state(page)).focus, 'w_212');
      await page.screenshot(`browsers-${name}-focus-w_212.png`);
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  });
}
