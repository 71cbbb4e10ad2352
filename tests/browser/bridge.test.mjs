// The JS bridge's error paths (web/gradflow-api.js): an error reply to a same-origin call, calls
// before the module is ready, requests queued while it loads (and the queue's limit), fail()
// telling the embedding page, and messages that cannot be read. Loading is held back by routing
// gradflow.wasm through a gate the test opens, so "before ready" is a state, not a race.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, waitReady, near, webDir, timeoutMs } from './lib/harness.mjs';

const SEED_LOSS = 0.0903693617082709;
let browser, app, course;
before(async () => {
  browser = await launch();
  app = await serve(webDir);
  course = await serve(webDir);   // another port: another origin
});
after(async () => { await browser?.close(); app?.close(); course?.close(); });

// Holds every gradflow.wasm request of page until open() is called.
async function gateWasm(page) {
  let open;
  const gate = new Promise((resolve) => { open = resolve; });
  await page.route('**/gradflow.wasm', async (route) => { await gate; await route.continue(); });
  return open;
}

// A parent page on the course origin with one gradflow iframe; replies and events land in
// window.heard in arrival order.
async function parentWith(page, query) {
  await page.goto(course.url + 'gradflow-api.js');   // any document of the course origin will do
  await page.evaluate(([src]) => {
    document.body.innerHTML = '';
    window.heard = [];
    window.addEventListener('message', (e) => { if (e.data && e.data.type === 'gradflow') window.heard.push(e.data); });
    const f = document.createElement('iframe');
    f.src = src; f.width = 640; f.height = 400; f.title = 'gradflow';
    document.body.appendChild(f);
    window.target = f;
  }, [app.url + query]);
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  return frame;
}

test('same origin: an error reply throws with the dispatcher\'s words and changes nothing', async () => {
  const { page, errors } = await open(browser.context, app.url + '?preset=seed&autoplay=0&focus=w_212');
  const before = await page.evaluate(() => window.gradflow.getState());
  const thrown = await page.evaluate(() => {
    const out = [];
    for (const f of [() => window.gradflow.focus('w_999'), () => window.gradflow.seek('soon'),
                     () => window.gradflow.derivation('w_212', 'pdf')]) {
      try { f(); out.push(null); } catch (err) { out.push(err instanceof Error ? err.message : 'not an Error: ' + String(err)); }
    }
    return out;
  });
  assert.match(thrown[0], /w_999/);
  assert.match(thrown[1], /must be a number/);
  assert.match(thrown[2], /pdf/);
  const bad = await page.evaluate(() => window.gradflow.setConfig({ layers: [2] }));
  assert.equal(bad.ok, false);
  assert.match(bad.error, /activations|layers/);
  const after = await page.evaluate(() => window.gradflow.getState());
  assert.equal(after.focus, 'w_212');
  assert.equal(after.t, before.t);
  assert.ok(near(after.loss, SEED_LOSS, 1e-12), 'the network is the one before the refused config');
  assert.deepEqual(errors, []);
  await page.close();
});

test('calls before ready throw "await gradflow.ready"; after it they work', async () => {
  const page = await browser.context.newPage();
  const release = await gateWasm(page);
  await page.goto(app.url + '?preset=seed');
  await page.waitForFunction(() => window.gradflow && window.Module, null, { timeout: timeoutMs });
  const early = await page.evaluate(() => { try { window.gradflow.getState(); return 'no error'; } catch (err) { return err.message; } });
  assert.match(early, /still loading: await gradflow\.ready first/);
  let settled = false;
  const readyNow = page.evaluate(() => window.gradflow.ready.then(() => true)).then((v) => { settled = true; return v; });
  await page.waitForTimeout(300);
  assert.equal(settled, false, 'ready waits for the module');
  release();
  assert.equal(await readyNow, true);
  await waitReady(page);
  assert.ok(near((await page.evaluate(() => window.gradflow.getState())).loss, SEED_LOSS, 1e-12));
  await page.close();
});

test('postMessage requests sent while loading are queued and answered in order once ready', async () => {
  const page = await browser.context.newPage();
  const release = await gateWasm(page);
  const frame = await parentWith(page, '?preset=seed&autoplay=0');
  await frame.waitForFunction(() => window.gradflow && window.gradflowBridge, null, { timeout: timeoutMs });
  await page.evaluate(() => {
    const w = window.target.contentWindow;
    w.postMessage({ type: 'gradflow', id: 1, method: 'seek', args: [2] }, '*');
    w.postMessage({ type: 'gradflow', id: 2, method: 'focus', args: ['w_111'] }, '*');
    w.postMessage({ type: 'gradflow', id: 3, method: 'getState' }, '*');
    w.postMessage({ type: 'gradflow', id: 4, method: 'explode' }, '*');
    w.postMessage({ type: 'someone-else', id: 5 }, '*');   // not ours: never answered, never queued
  });
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.heard), [], 'nothing answered before the module runs');
  release();
  await page.waitForFunction(() => window.heard.filter((m) => !m.event).length >= 4, null, { timeout: timeoutMs });
  await page.waitForTimeout(200);
  const heard = await page.evaluate(() => window.heard);
  const replies = heard.filter((m) => !m.event);
  assert.deepEqual(replies.map((m) => m.id), [1, 2, 3, 4], 'each request answered once, in the order sent');
  assert.equal(heard.findIndex((m) => m.event === 'ready') < heard.indexOf(heard.find((m) => m.id === 1)), true, 'ready comes first');
  assert.equal(replies[0].result.ok, true);
  assert.equal(replies[2].result.t, 2, 'getState sees the queued seek before it');
  assert.equal(replies[2].result.focus, 'w_111');
  assert.match(replies[3].error, /no method "explode"/);
  await page.close();
});

test('more requests than the loading queue holds: the extra ones are refused, with their ids', async () => {
  const page = await browser.context.newPage();
  const release = await gateWasm(page);
  const frame = await parentWith(page, '?preset=seed&autoplay=0');
  await frame.waitForFunction(() => window.gradflow && window.gradflowBridge, null, { timeout: timeoutMs });
  await page.evaluate(() => {
    for (let id = 1; id <= 70; ++id) window.target.contentWindow.postMessage({ type: 'gradflow', id, method: 'getState' }, '*');
  });
  await page.waitForFunction(() => window.heard.length >= 6, null, { timeout: 5000 });
  const refused = await page.evaluate(() => window.heard);
  assert.deepEqual(refused.map((m) => m.id), [65, 66, 67, 68, 69, 70]);
  for (const m of refused) assert.match(m.error, /still loading .*wait for its 'ready' event/);
  release();
  await page.waitForFunction(() => window.heard.filter((m) => !m.event).length >= 70, null, { timeout: timeoutMs });
  const answered = await page.evaluate(() => window.heard.filter((m) => !m.event && 'result' in m).map((m) => m.id));
  assert.deepEqual(answered, Array.from({ length: 64 }, (_, i) => i + 1));
  await page.close();
});

test('no WebGL 2 inside an iframe: fail() tells the parent in words, and later requests get the reason', async () => {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) { return kind === 'webgl2' ? null : real.call(this, kind, ...rest); };
  });
  // The example course page: its status line shows what the embed said.
  await page.goto(`${course.url}embed-example.html?src=${encodeURIComponent(app.url)}`);
  await page.waitForFunction(() => window.course.events.filter((e) => e.event === 'error').length === 2, null, { timeout: timeoutMs });
  const err = await page.evaluate(() => window.course.events.find((e) => e.event === 'error'));
  assert.match(err.error, /WebGL 2 is not available/);
  assert.match(err.error, /Use a current Firefox, Chrome, Edge or Safari/);
  assert.match(await page.textContent('#status'), /gradflow could not start: WebGL 2 is not available/);
  const reply = await page.evaluate(() => Promise.race([
    window.course.call(window.course.frames.seed, 'getState').then(() => 'answered', (e) => e.message),
    new Promise((resolve) => setTimeout(() => resolve('no reply within 5 s'), 5000))]));
  assert.match(reply, /WebGL 2 is not available/);
  await page.close();
});

test('unreadable and malformed messages get an error naming the fix, with their id, and change nothing', async () => {
  const page = await browser.context.newPage();
  const frame = await parentWith(page, '?preset=seed&autoplay=0');
  await frame.waitForFunction(() => window.Module && window.Module.gradflowFirstFrame, null, { timeout: timeoutMs });
  await frame.evaluate(() => window.gradflow.ready);
  await page.waitForFunction(() => window.heard.some((m) => m.event === 'ready'), null, { timeout: timeoutMs });
  const before = await frame.evaluate(() => window.gradflow.getState());
  await page.evaluate(() => {
    const w = window.target.contentWindow;
    const cyclic = { type: 'gradflow', id: 11, method: 'play' };
    cyclic.self = cyclic;
    w.postMessage(cyclic, '*');
    w.postMessage({ type: 'gradflow', id: 12, method: 'seek', args: [10n] }, '*');
    w.postMessage(undefined, '*');
    w.postMessage({ type: 'gradflow', id: 15, method: 'seek', args: [NaN] }, '*');
  });
  await page.waitForFunction(() => window.heard.filter((m) => !m.event).length >= 4, null, { timeout: 5000 });
  const r = await page.evaluate(() => window.heard.filter((m) => !m.event));
  assert.equal(r[0].id, 11);
  assert.match(r[0].error, /cannot be read as JSON \(it refers to itself\): send plain data/);
  assert.equal(r[1].id, 12);
  assert.match(r[1].error, /cannot be read as JSON \(it holds a BigInt\)/);
  assert.equal(r[2].id, null);
  assert.ok(typeof r[2].error === 'string' && r[2].error.length > 10, JSON.stringify(r[2]));
  assert.equal(r[3].id, 15);
  assert.match(r[3].error, /number/);
  assert.equal(r.length, 4);
  const after = await frame.evaluate(() => window.gradflow.getState());
  assert.equal(after.playing, false, 'the unreadable play request did not play');
  assert.equal(after.t, before.t);
  await page.close();
});
