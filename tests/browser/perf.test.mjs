// Figures, not pass/fail thresholds: the CPU time the page spends building one frame's draw data
// (App::frame + ImGui::Render, averaged by the app over its first 240 frames and printed to the
// console) for the seed net and the 8 × 32 "wide" net, mid-animation with a weight focused.
// The wide page took 54 s to reach 240 frames in a loaded CI run, hence the generous wait.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, webDir } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

for (const [preset, focus] of [['seed', 'w_212'], ['wide', 'w_211']]) {
  test(`frame build time in wasm: ${preset}`, async () => {
    const page = await browser.context.newPage();
    const cost = new Promise((resolve) => page.on('console', (m) => {
      const r = m.text().match(/building a frame's draw data took ([0-9.]+) ms on average over (\d+) frames \((\d+) vertices/);
      if (r) resolve({ ms: Number(r[1]), frames: Number(r[2]), vertices: Number(r[3]) });
    }));
    const { errors } = await open(browser.context, `${server.url}?preset=${preset}&focus=${focus}&autoplay=1`, { page });
    let timer;
    const late = new Promise((_, no) => { timer = setTimeout(() => no(new Error('no frame-cost line within 240 s')), 240000); });
    const c = await Promise.race([cost, late]).finally(() => clearTimeout(timer));   // no timer left to hold the process
    console.log(`#   ${preset}: ${c.ms.toFixed(3)} ms per frame build (mean of ${c.frames} frames, ${c.vertices} vertices), headless Chromium`);
    assert.ok(c.ms > 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
