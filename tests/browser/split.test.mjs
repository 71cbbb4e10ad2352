// The module in two parts (web/split_module.py): gradflow.wasm is what a reader who only watches
// runs; gradflow.rest.wasm comes on the first input or API request (web/shell.html: gradflowRest).
// Input that arrives first waits for it and then takes effect; a call that needs it before it is
// here loads it on the spot; a server without it gets a message that names it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { launch, open, serve, drawn, webDir, forgetStreamAbort } from './lib/harness.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.close());

const restFetches = (requests) => requests.filter((r) => r.url().endsWith('/gradflow.rest.wasm')).length;

// The function whose placeholder loaded the rest, by name (web/split_module.py writes the map).
async function wantedBy(page) {
  const slot = await page.evaluate(() => window.gradflowRest.wantedBy);
  if (slot === null) return 'an asynchronous fetch (input or an API request)';
  const map = `${webDir}/src/platform/gradflow.placeholders.txt`;
  const line = existsSync(map) && readFileSync(map, 'utf8').split('\n').find((l) => l.startsWith(slot + '\t'));
  return `placeholder ${slot}: ${line ? line.split('\t')[1] : '?'} (add it to web/first-load.txt: scripts/first-load-profile.sh)`;
}

// Opens the page without touching gradflow.ready (awaiting it asks for the rest) and waits for
// the first frame.
async function openWatching(context, query) {
  const opened = await open(context, server.url + query, { wait: false });
  await opened.page.waitForFunction(() => window.Module && (window.Module.gradflowFirstFrame || window.Module.gradflowError),
                                    null, { timeout: 60000 });
  assert.equal(await opened.page.evaluate(() => window.Module.gradflowError || null), null);
  forgetStreamAbort(opened.errors);
  return opened;
}

// Runs fn(context) in a fresh browser, closed afterwards whatever happens.
async function inBrowser(options, fn) {
  const { context, close } = await launch(options);
  try {
    return await fn(context);
  } finally {
    await close();
  }
}

// Where the page draws a weight at this size, asked of a page that may load everything.
const weightAt = (options, query, name) => inBrowser(options, async (context) => {
  const { page } = await open(context, server.url + query);
  const p = (await page.evaluate(() => window.gradflow.nodePositions()))[name];
  assert.ok(p, `${name} has a position`);
  return Array.isArray(p) ? p : [p.x, p.y];
});

const watching = [
  { name: 'desktop, dark', query: '', options: { viewport: { width: 1280, height: 800 } } },
  { name: 'phone, light', query: '?theme=light',
    options: { viewport: { width: 390, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true } },
  { name: 'embed 800×500, gradients view', query: '?view=gradients', options: { viewport: { width: 800, height: 500 } } },
  // The walk along a focused weight's paths ends the story (19.4 s): from 12 s on, it is all seen.
  { name: 'focused weight, to the end of its walk', query: '?focus=w_212&t=12&autoplay=1', watchMs: 9000,
    options: { viewport: { width: 1280, height: 800 } } },
];
for (const w of watching) {
  test(`a reader who only watches never fetches the rest of the module (${w.name})`, async () => {
    await inBrowser(w.options, async (context) => {
      const { page, errors, requests } = await openWatching(context, w.query);
      const frames = await page.evaluate(() => window.gfFramesDrawn);
      await page.waitForTimeout(w.watchMs ?? 6000);
      assert.ok(await page.evaluate(() => window.gfFramesDrawn) > frames + 30, 'the story played meanwhile');
      if (restFetches(requests)) assert.fail(`gradflow.rest.wasm was fetched, asked for by ${await wantedBy(page)}`);
      assert.equal(await page.evaluate(() => window.gradflowRest.loaded), false);
      assert.deepEqual(errors, []);
    });
  });
}

// Opens a paused page whose rest arrives 400 ms after it is asked for (a slow network), so input
// given at once surely comes first.
async function openSlowRest(context) {
  const opened = await openWatching(context, '?autoplay=0');
  await opened.page.route('**/gradflow.rest.wasm', async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  assert.equal(restFetches(opened.requests), 0);
  return opened;
}

async function afterRest(page) {
  assert.equal(await page.evaluate(() => window.gradflowRest.loaded), false, 'the rest was still on its way');
  await page.waitForFunction(() => window.gradflowRest.loaded, null, { timeout: 10000 });
  await drawn(page, 3);
  assert.equal(await page.evaluate(() => window.gradflowRest.wantedBy), null, 'the input waited: no synchronous load');
}

test('a click that comes before the rest waits for it, then focuses the weight clicked', async () => {
  const options = { viewport: { width: 1280, height: 800 } };
  const [x, y] = await weightAt(options, '?autoplay=0', 'w_212');
  await inBrowser(options, async (context) => {
    const { page, errors, requests } = await openSlowRest(context);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.up();
    await afterRest(page);
    assert.equal((await page.evaluate(() => window.gradflow.getState())).focus, 'w_212', 'the held click selected the weight under it');
    assert.equal(restFetches(requests), 1, 'fetched once');
    assert.deepEqual(errors, []);
  });
});

test('a key that comes before the rest waits for it, then does what it does: Space plays', async () => {
  await inBrowser({ viewport: { width: 1280, height: 800 } }, async (context) => {
    const { page, errors } = await openSlowRest(context);
    await page.keyboard.press('Space');
    await afterRest(page);
    const state = await page.evaluate(() => window.gradflow.getState());
    assert.equal(state.playing, true, 'the held Space started the story');
    await page.waitForTimeout(500);
    assert.ok((await page.evaluate(() => window.gradflow.getState().t)) > state.t, 'and time moves');
    assert.deepEqual(errors, []);
  });
});

test('an API call before the rest has arrived is answered (the rest loads then, once)', async () => {
  await inBrowser(undefined, async (context) => {
    const { page, errors, requests } = await openWatching(context, '?preset=seed');
    assert.equal(await page.evaluate(() => window.gradflowRest.loaded), false);
    const config = await page.evaluate(() => window.gradflow.getConfig());
    assert.deepEqual(config.layers, [4, 4, 2], "the seed network's config");
    assert.equal(await page.evaluate(() => window.gradflowRest.loaded), true);
    const derivation = await page.evaluate(() => window.gradflow.derivation('w_212'));
    assert.match(JSON.stringify(derivation), /w_212/, 'the rest answers: a derivation');
    assert.equal(restFetches(requests), 1, 'fetched once');
    assert.deepEqual(errors, []);
  });
});

test('awaiting gradflow.ready fetches the rest without blocking, and resolves after it', async () => {
  await inBrowser(undefined, async (context) => {
    const { page, requests } = await openWatching(context, '');
    const loadedWhenReady = await page.evaluate(async () => { await window.gradflow.ready; return window.gradflowRest.loaded; });
    assert.equal(loadedWhenReady, true);
    assert.equal(await page.evaluate(() => window.gradflowRest.wantedBy), null, 'fetched, not loaded synchronously');
    assert.equal(restFetches(requests), 1);
  });
});

test('a server without gradflow.rest.wasm: the first click says which file is missing', async () => {
  await inBrowser(undefined, async (context) => {
    const { page } = await openWatching(context, '');
    await page.route('**/gradflow.rest.wasm', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.mouse.click(640, 360);
    await page.waitForFunction(() => !document.getElementById('error').classList.contains('hidden'), null, { timeout: 10000 });
    const text = await page.evaluate(() => document.getElementById('error').innerText);
    assert.match(text, /gradflow\.rest\.wasm/, text);
    assert.match(text, /beside gradflow\.wasm|Reload/, text);
  });
});

test('a link that needs the rest from its first frames (a data set, training) has it joined before the module starts', async () => {
  await inBrowser(undefined, async (context) => {
    const { page, errors, requests } = await openWatching(context, '?preset=spiral&train=1');
    assert.equal(await page.evaluate(() => window.gradflowRest.loaded), true, 'joined by the first frame');
    assert.equal(await page.evaluate(() => window.gradflowRest.wantedBy), null, 'fetched beside the first part, not synchronously');
    assert.equal(restFetches(requests), 1);
    const before = await page.evaluate(() => window.gradflow.getState().epoch ?? null);
    await page.waitForTimeout(1500);
    const after = await page.evaluate(() => window.gradflow.getState().epoch ?? null);
    assert.ok(before !== null && after > before, `training runs (epoch ${before} → ${after})`);
    assert.deepEqual(errors, []);
  });
});
