// Training's messages: the plot's label gives the loss now (what the L node reads) and "1 step".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, controlBoxes } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch({ viewport: { width: 1280, height: 800 } }); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const widgets = controlBoxes;
const centre = (r) => [r[0] + r[2] / 2, r[1] + r[3] / 2];
const params = (cfg) => JSON.stringify([cfg.W, cfg.b]);
const label = async (page) => Object.keys(await widgets(page)).find((k) => k.startsWith('training: ')) ?? null;

test('after one Step the label reads the current loss and "1 step"', async () => {
  const { page, errors } = await open(browser.context, server.url + '?autoplay=0');
  await page.waitForTimeout(300);
  const w = await widgets(page);
  assert.ok(w.Step, `the Step button is drawn (${Object.keys(w).join(', ')})`);
  const before = (await page.evaluate(() => window.gradflow.getState())).loss;
  await page.mouse.click(...centre(w.Step));
  // The step is animated; the label appears once it is taken.
  await page.waitForFunction(() => Object.keys(window.gradflow.layout().buttons).some((k) => k.startsWith('training: ')),
                             null, { timeout: 30000, polling: 100 });
  const text = await label(page);
  const now = (await page.evaluate(() => window.gradflow.getState())).loss;
  assert.notEqual(now, before, 'the step changed the loss');
  const shown = Number(text.match(/loss ([0-9.e+−-]+)/)[1].replace('−', '-'));
  assert.ok(Math.abs(shown - now) <= Math.abs(now) * 1e-3, `the label (${text}) shows the loss now, ${now}, not ${before}`);
  assert.match(text, /after 1 step$/);
  await screenshot(page, 'training-one-step.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a refusal does not push the panel\'s controls down', async () => {
  const { page } = await open(browser.context, server.url + '?autoplay=0');
  await page.waitForTimeout(300);
  const before = await widgets(page);
  // A refusal: letters in x_1.
  await page.mouse.click(...centre(before.x_1));
  await page.waitForTimeout(150);
  await page.keyboard.type('abc', { delay: 30 });
  await page.keyboard.press('Enter', { delay: 30 });
  await page.waitForTimeout(300);
  const after = await widgets(page);
  assert.ok(Object.keys(after).some((k) => k.startsWith('message: ')), 'the refusal is shown');
  for (const name of ['Step', 'Train', 'x_1', 'learning rate'])
    assert.deepEqual(after[name], before[name], `${name} stayed where it was`);
  await screenshot(page, 'training-message.png');
  await page.close();
});

// Issue 11: η = 1e6 then Train showed "loss 0 after 200 steps" with every sigmoid at its bound and
// weights near 1e5, as a success. It warns now, names what went wrong and suggests a smaller η.
test('η = 1e6 then Train warns about saturated units and runaway weights and suggests a learning rate', async () => {
  const { page, errors } = await open(browser.context, server.url + '?autoplay=0');
  await page.waitForTimeout(300);
  const w = await widgets(page);
  const start = await page.evaluate(() => window.gradflow.getConfig());
  await page.mouse.click(...centre(w['learning rate']));
  await page.waitForTimeout(150);
  await page.keyboard.type('1e6', { delay: 30 });
  await page.keyboard.press('Enter', { delay: 30 });
  await page.waitForTimeout(200);
  assert.equal((await page.evaluate(() => window.gradflow.getConfig())).learning_rate, 1e6, 'η = 1e6 was applied');
  assert.ok(!Object.keys(await widgets(page)).some((k) => k.startsWith('message: ') && /warning/i.test(k)),
            'no warning before training');
  await page.mouse.click(...centre(w.Train));
  // 200 steps spread over about a second of frames. (Weights stop changing long before: every
  // unit saturates within a few dozen steps and the gradients vanish.) A build without the label
  // gets 20 s and then fails on the message below.
  await page.waitForFunction(() => Object.keys(window.gradflow.layout().buttons).some((k) => /^training: .*after 200 steps$/.test(k)),
                             null, { timeout: 20000, polling: 100 }).catch(() => {});
  await page.waitForTimeout(300);
  const cfg = await page.evaluate(() => window.gradflow.getConfig());
  const biggest = Math.max(...[cfg.W, cfg.b].flat(3).map(Math.abs));
  assert.ok(biggest > 1e3, `training at η = 1e6 blew the weights up (largest |value| ${biggest})`);
  const keys = Object.keys(await widgets(page));
  const said = keys.find((k) => k.startsWith('message: ')) ?? '';
  const label = keys.find((k) => k.startsWith('training: ')) ?? '';
  assert.match(said, /^message: Warning: /, `the run is not presented as a success (label "${label}", message "${said}")`);
  assert.match(said, /h_1\d(, h_1\d)* (is|are) saturated/, 'names the saturated units');
  assert.match(said, /[wb]_\d+ = -?[\d.]+e\+0\d ran away|[wb]_\d+ = -?[\d.]+e\+0\d.* ran away/, 'names a runaway weight with its value');
  const eta = Number(said.match(/η = ([0-9.e+-]+)/)?.[1]);
  assert.ok(eta > 0 && eta <= 1e4, `suggests a learning rate well below 1e6 (${eta})`);
  await screenshot(page, 'training-warning.png');
  // The "Undo training" path stays and takes the warning with it.
  const undo = (await widgets(page))['Undo training'];
  assert.ok(undo, `Undo training is offered (${keys.join(', ')})`);
  await page.mouse.click(...centre(undo));
  await page.waitForTimeout(300);
  const back = await page.evaluate(() => window.gradflow.getConfig());
  assert.equal(params(back), params(start), 'Undo restored the weights');
  assert.ok(!Object.keys(await widgets(page)).some((k) => k.startsWith('message: Warning')), 'the warning went with the run');
  // The suggested η, typed in, trains without a warning.
  await page.mouse.click(...centre((await widgets(page))['learning rate']));
  await page.waitForTimeout(150);
  await page.keyboard.type(String(eta), { delay: 30 });
  await page.keyboard.press('Enter', { delay: 30 });
  await page.waitForTimeout(200);
  await page.mouse.click(...centre((await widgets(page)).Train));
  await page.waitForFunction(() => Object.keys(window.gradflow.layout().buttons).some((k) => /^training: .*after 200 steps$/.test(k)),
                             null, { timeout: 30000, polling: 100 });
  await page.waitForTimeout(300);
  assert.ok(!Object.keys(await widgets(page)).some((k) => k.startsWith('message: Warning')), `η = ${eta} trains without a warning`);
  assert.deepEqual(errors, []);
  await page.close();
});

// Issue 11: the inspector's paths were ordered by |product|, so they swapped places after a
// step. They keep their order (by route) and show their rank by size beside it.
test('the focused weight\'s paths keep their order across Steps, with their size rank shown', async () => {
  const { page, errors } = await open(browser.context, server.url + '?autoplay=0');
  await page.waitForTimeout(300);
  const pos = await page.evaluate(() => window.gradflow.nodePositions());
  await page.mouse.click(...pos.w_212);
  await page.waitForFunction(() => window.gradflow.getState().focus === 'w_212', null, { timeout: 5000 });
  await page.waitForTimeout(500);
  const shown = async () => Object.entries(await widgets(page)).filter(([k]) => /^path \d/.test(k))
    .sort((a, b) => a[1][1] - b[1][1]).map(([k]) => k);
  const routes = async () => [...(await page.evaluate(() => window.gradflow.derivation('w_212', 'text')))
    .matchAll(/^ *path \d+[^:\n]*: +(.+)$/gm)].map((m) => m[1]);
  const before = await routes();
  assert.equal(before.length, 2, `two paths from w_212 (${before})`);
  for (let i = 1; i <= 3; ++i) {
    const loss = (await page.evaluate(() => window.gradflow.getState())).loss;
    await page.mouse.click(...centre((await widgets(page)).Step));
    await page.waitForFunction((l) => window.gradflow.getState().loss !== l, loss, { timeout: 30000, polling: 100 });
    await page.waitForTimeout(300);
    assert.deepEqual(await routes(), before, `after Step ${i} the derivation lists the paths in the same order`);
  }
  const after = await shown();
  assert.deepEqual(after.map((k) => k.replace(/ \(#\d[^)]*\)/, '')), before.map((r, i) => `path ${i + 1}: ${r}`),
                   `the inspector shows them in that order (${after.join(' | ')})`);
  assert.ok(after.every((k) => / \(#[12] by size/.test(k)), `each shows its rank by size (${after.join(' | ')})`);
  assert.notDeepEqual(after.map((k) => k.match(/#(\d)/)[1]), ['1', '2'], 'the size order did change: only the route order kept the list still');
  await screenshot(page, 'training-paths-stable.png');
  assert.deepEqual(errors, []);
  await page.close();
});
