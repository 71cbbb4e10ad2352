// The data plane's forward passes on the GPU (shaders/plane.frag, src/platform/plane_gl.cpp) agree
// with the CPU's (double precision) on the grid, for Playground's largest network (6 × 8 tanh on
// spiral) and for a mixed one (features, relu, sigmoid, 2-way softmax); the test fails if the GPU
// path did not run. Then the gradient view: the plane's mode selector and the batch line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, controlBoxes } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch({ viewport: { width: 1280, height: 800 } }); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const centre = (r) => [r[0] + r[2] / 2, r[1] + r[3] / 2];

// float32 through up to 7 layers of 8: each pre-activation carries ~1e-7 relative rounding per
// term and the inputs reach |x| = 6, so ~1e-5 at the output; 1e-4 leaves room for the driver's exp.
const kTolerance = 1e-4;

function config(layers, activations, loss, features) {
  return { layers, activations, loss, init_seed: 1, batch_size: 10, learning_rate: 0.03,
           dataset: { name: 'spiral', points: 500, noise: 0, train_fraction: 0.5, seed: 1, features } };
}

async function setConfig(page, c) {
  const r = await page.evaluate((c) => window.gradflow.setConfig(c), c);
  assert.ok(!r || r.ok !== false, `setConfig: ${JSON.stringify(r)}`);
}

async function compare(page, label) {
  await page.waitForTimeout(200);
  const r = await page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._gradflow_test_plane(5))));
  assert.ok(r.ok, `${label}: the plane was computed`);
  assert.equal(r.gpuRan, true, `${label}: the GPU path ran (${r.why || 'it declined this network'})`);
  assert.equal(r.cpu.length, r.n * r.n);
  assert.equal(r.gpu.length, r.n * r.n);
  let max = 0, spread = 0;
  for (let i = 0; i < r.cpu.length; ++i) {
    max = Math.max(max, Math.abs(r.cpu[i] - r.gpu[i]));
    spread = Math.max(spread, Math.abs(r.cpu[i] - r.cpu[0]));
  }
  console.log(`# ${label}: max |GPU − CPU| = ${max.toExponential(2)} over ${r.n}×${r.n}; ` +
              `per plane CPU ${r.cpuMs.toFixed(2)} ms, GPU ${r.gpuMs.toFixed(2)} ms (readback included); ` +
              `default ${r.defaultGpu ? 'GPU' : 'CPU'}`);
  assert.ok(spread > 1e-3, `${label}: the plane is not flat (${spread}), so agreement means something`);
  assert.ok(max <= kTolerance, `${label}: max |GPU − CPU| = ${max} > ${kTolerance}`);
  return r;
}

test('the GPU plane agrees with the CPU within float32 on a 64×64 grid, and it ran', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=spiral&autoplay=0');
  // Playground's largest network: 6 hidden layers of 8, tanh, trained a little so it is not flat.
  await setConfig(page, config([2, 8, 8, 8, 8, 8, 8, 1], Array(7).fill('tanh'), 'half_sse', ['x1', 'x2']));
  await page.evaluate(() => window.gradflow.train(true));
  await page.waitForFunction(() => window.gradflow.getState().epoch >= 20, null, { timeout: 30000, polling: 100 });
  await page.evaluate(() => window.gradflow.train(false));
  await compare(page, 'spiral 6×8 tanh');

  // Every input feature, relu/leaky/sigmoid hidden layers, a 2-way softmax output.
  await setConfig(page, config([7, 5, 8, 3, 2], ['relu', 'leaky_relu', 'sigmoid', 'softmax'], 'cross_entropy',
                               ['x1', 'x2', 'x1^2', 'x2^2', 'x1x2', 'sin_x1', 'sin_x2']));
  await compare(page, 'features + relu/leaky/sigmoid + softmax');
  assert.deepEqual(errors, []);
});

test('the gradient view: chosen in the plane header, it follows the focus and names the next batch', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=circle&autoplay=0&focus=w_212');
  await page.waitForTimeout(300);
  let lay = await page.evaluate(() => window.gradflow.layout());
  assert.equal(lay.planeMode, 'output', 'the plane starts on the output even with a weight focused');
  assert.equal(lay.batchLine, '');
  const w = await controlBoxes(page);
  assert.ok(w['plane gradient'], `the mode selector is drawn (${Object.keys(w).join(', ')})`);
  await page.mouse.click(...centre(w['plane gradient']));
  await page.waitForFunction(() => window.gradflow.layout().planeMode === 'gradient', null, { timeout: 10000, polling: 100 }).catch(() => {});
  lay = await page.evaluate(() => window.gradflow.layout());
  assert.equal(lay.planeMode, 'gradient');
  assert.match(lay.batchLine, /^batch gradient ∂J\/∂w_212 = −?[0-9][^:]*: the mean of these 10 points' ∂L\/∂w_212 \(squares\)$/);
  assert.equal(lay.points.filter((p) => p.kind === 'batch').length, 10, 'the next batch is marked');
  await screenshot(page, 'plane-gradient-dark.png');

  // The focus moves: the gradient view follows it.
  await page.evaluate(() => window.gradflow.focus('b_21'));
  await page.waitForFunction(() => /∂J\/∂b_21/.test(window.gradflow.layout().batchLine), null, { timeout: 10000, polling: 100 }).catch(() => {});
  lay = await page.evaluate(() => window.gradflow.layout());
  assert.match(lay.batchLine, /∂J\/∂b_21 = /);
  assert.deepEqual(errors, []);
});
