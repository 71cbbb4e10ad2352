// Issue 8's figure (not a test): epochs per second training in the page, with the data plane on
// screen — Debian's chromium, headless, ANGLE on SwiftShader, this machine's 2 shared cores.
//
//   node bench/data.mjs <build/web>      (scripts/bench-data.sh builds the web preset first)
//
// For Playground's largest network (6 hidden layers of 8 tanh, spiral, 500 points, half for
// training, batch 10) and its default one (4, 2), at 1280×800: epochs/s over 5 s of ▶ after a 1 s
// warm-up, and frames/s meanwhile (the page stays responsive: frames keep coming). Frames are
// counted by the whole-canvas WebGL clear() each frame begins with.
import { existsSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] ?? 'build/web');
if (!existsSync(path.join(dir, 'gradflow.wasm'))) {
  console.error(`bench/data.mjs: ${dir} has no gradflow.wasm: build the web preset first`);
  process.exit(2);
}
process.env.GRADFLOW_WEB = dir;
const { launch, serve, countAppFrames } = await import('../tests/browser/lib/harness.mjs');

const net = (hidden) => ({
  layers: [2, ...hidden, 1], activations: [...hidden, 1].map(() => 'tanh'), loss: 'half_sse', init_seed: 1,
  learning_rate: 0.03, batch_size: 10,
  dataset: { name: 'spiral', points: 500, noise: 0, train_fraction: 0.5, seed: 1, features: ['x1', 'x2'] },
});
const b64url = (s) => Buffer.from(s).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const cases = { 'spiral 6×8': net([8, 8, 8, 8, 8, 8]), 'spiral 4,2 (default)': net([4, 2]) };

const server = await serve(dir);
const browser = await launch({ viewport: { width: 1280, height: 800 } });
try {
  for (const [name, cfg] of Object.entries(cases)) {
    const page = await browser.context.newPage();
    await page.addInitScript(countAppFrames);
    await page.goto(`${server.url}?autoplay=0#config=${b64url(JSON.stringify(cfg))}`);
    await page.waitForFunction(() => window.Module && window.Module.gradflowFirstFrame, null, { timeout: 120000 });
    await page.evaluate(() => window.gradflow.ready.then(() => true));
    const plane = (await page.evaluate(() => window.gradflow.layout())).plane;
    await page.evaluate(() => window.gradflow.train(true));
    await page.waitForTimeout(1000);
    const read = () => page.evaluate(() => ({ e: window.gradflow.getState().epoch, f: window.gradflowFrames, t: performance.now() }));
    const a = await read();
    await page.waitForTimeout(5000);
    const b = await read();
    const st = await page.evaluate(() => window.gradflow.getState());
    const s = (b.t - a.t) / 1000;
    console.log(`${name}: ${((b.e - a.e) / s).toFixed(0)} epochs/s, ${((b.f - a.f) / s).toFixed(1)} frames/s while training` +
                ` (plane ${plane ? 'on screen' : 'NOT drawn'}; epoch ${st.epoch}, train loss ${st.train_loss?.toFixed(4)},` +
                ` test accuracy ${st.test_accuracy})`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
