// Readers who can't see the canvas: a labelled canvas, and a polite live region that narrates
// the timeline in words when the reader steps or plays — silent under reduced-motion autoplay
// until the reader steps. Driven with real key presses on the focused canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, webDir } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const region = (page) => page.evaluate(() => document.getElementById('narration')?.textContent ?? null);

// Waits (up to 4 s: the region speaks at most every 1.5 s) until the region's text passes `pred`.
async function waitRegion(page, pred) {
  let text = await region(page);
  for (let i = 0; i < 40 && !pred(text); ++i) { await page.waitForTimeout(100); text = await region(page); }
  return text;
}

test('the canvas is labelled and the live region is polite and hidden from sight', async () => {
  const { page } = await open(browser.context, server.url + '?autoplay=0');
  const info = await page.evaluate(() => {
    const c = document.getElementById('canvas'), r = document.getElementById('narration');
    return { label: c.getAttribute('aria-label'), role: c.getAttribute('role'), live: r?.getAttribute('aria-live'),
             w: r?.getBoundingClientRect().width };
  });
  assert.match(info.label || '', /neural network/);
  assert.match(info.label, /Space/);
  assert.equal(info.live, 'polite');
  assert.ok(info.w <= 1, 'visually hidden');
  const noscript = await page.evaluate(() => document.querySelector('noscript').textContent);
  assert.match(noscript, /allow JavaScript|current Firefox/);
  await page.close();
});

test('the live region says the phase and its values as the reader steps with the arrow keys', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=seed&autoplay=0');
  // The page focuses its canvas at the first frame (not embedded), so keys reach it directly; a
  // click could land on a node and focus it, which changes the story.
  await page.keyboard.press('Home');
  const start = await waitRegion(page, (t) => /^Inputs: x_1 = /.test(t || ''));
  assert.match(start, /^Inputs: x_1 = /);
  await page.keyboard.press('ArrowRight');              // forward layer 1 begins
  await page.keyboard.press('ArrowRight');              // its first value is revealed
  const fwd = await waitRegion(page, (t) => /^Forward, layer 1: a_1\d = −?\d/.test(t || ''));
  assert.match(fwd, /^Forward, layer 1: a_1\d = −?\d/);
  await page.keyboard.press('End');
  const end = await waitRegion(page, (t) => /loss went from/.test(t || ''));
  assert.match(end, /^Update done: the loss went from \d/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('playing narrates the phases, at most one sentence per 1.5 s', async () => {
  const { page } = await open(browser.context, server.url + '?preset=seed&autoplay=0');
  await page.evaluate(() => {
    window.__said = [];
    new MutationObserver(() => window.__said.push([performance.now(), document.getElementById('narration').textContent]))
      .observe(document.getElementById('narration'), { childList: true, characterData: true, subtree: true });
  });
  await page.keyboard.press('Space');                   // play
  await page.waitForTimeout(6000);
  const said = await page.evaluate(() => window.__said);
  assert.ok(said.length >= 2, `only ${said.length} sentences in 6 s of playing`);
  assert.ok(said.some(([, t]) => /^(Forward|Backward)/.test(t)), said.map(([, t]) => t).join(' | '));
  for (let i = 1; i < said.length; ++i)
    assert.ok(said[i][0] - said[i - 1][0] >= 1400, `two sentences ${(said[i][0] - said[i - 1][0]).toFixed(0)} ms apart`);
  await page.close();
});

test('silent under motion=reduced autoplay until the reader steps', async () => {
  const { page } = await open(browser.context, server.url + '?preset=seed&motion=reduced&autoplay=1');
  await page.waitForTimeout(2500);
  const s = await page.evaluate(() => window.gradflow.getState());
  assert.ok(s.playing && s.t > 0.5, `autoplay runs (t = ${s.t})`);
  assert.equal(await region(page), '', 'nothing said while reduced-motion autoplay runs');
  await page.keyboard.press('ArrowRight');              // a step pauses and is narrated
  const said = await waitRegion(page, (t) => (t || '').length > 0);
  assert.match(said, /^(Inputs|Forward|Backward|Path|Sum|Update)/);
  await page.close();
});
