// Training's messages: the plot's label gives the loss now (what the L node reads) and "1 step".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, controlBoxes } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch({ viewport: { width: 1280, height: 800 } }); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const widgets = controlBoxes;
const centre = (r) => [r[0] + r[2] / 2, r[1] + r[3] / 2];
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
