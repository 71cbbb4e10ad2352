// gradflow.checkWorking (issue 9) on the page: the tutor module (gradflow-tutor.js + .wasm) is
// fetched only when first asked for and then kept; the seed's notes get their five slips named at
// their lines, as natively (tests/tutor/test_tutor.cpp); each bad input is refused in words; the
// network the page shows after setConfig is the one checked; postMessage gets the same answer;
// the app's panel hook, gradflowTutor.check, answers a string; and the single file, which has no
// room for the tutor, says checking needs the hosted page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launch, open, serve, webDir, root, timeoutMs } from './lib/harness.mjs';

const notes = readFileSync(`${root}/tests/tutor/seed-notes.txt`, 'utf8');
// The native test's verdicts for the notes: line → slip kind.
const SLIPS = { 4: 'arithmetic', 16: 'wrong_target', 20: 'weight_not_input', 21: 'missing_paths',
                23: 'activation_not_derivative' };
const isTutor = (url) => /\/gradflow-tutor\.(js|wasm)(\?|$)/.test(url);

let browser, app, course;
before(async () => {
  browser = await launch();
  app = await serve(webDir);
  course = await serve(webDir);   // another port: another origin
});
after(async () => { await browser?.close(); app?.close(); course?.close(); });

const slipsOf = (report) => Object.fromEntries(report.lines.filter((l) => l.verdict === 'slip').map((l) => [l.line, l.slip]));

test('the tutor is fetched only when checkWorking is first called, once, and names the five slips of the notes', async () => {
  const { page, errors, requests } = await open(browser.context, app.url + '?preset=seed&autoplay=0');
  // The page idles a while with the network on screen: still nothing of the tutor's.
  await page.mouse.move(400, 300);
  await page.waitForTimeout(800);
  assert.deepEqual(requests.map((r) => r.url()).filter(isTutor), [], 'no gradflow-tutor.* before the first call');
  assert.equal(await page.evaluate(() => typeof window.GradflowTutor), 'undefined');

  const report = await page.evaluate((text) => window.gradflow.checkWorking(text), notes);
  assert.deepEqual(slipsOf(report), SLIPS);
  assert.equal(report.summary.slips, 5);
  assert.equal(report.summary.errors, 0);
  assert.equal(report.tolerance, 0.001);
  const line = (n) => report.lines.find((l) => l.line === n);
  assert.equal(line(8).verdict, 'follows_through');
  assert.deepEqual(line(8).follows_from, [4]);
  assert.ok(Math.abs(line(4).expected - 3.4) < 1e-12, `a_12 expected 3.4, got ${line(4).expected}`);
  assert.match(line(21).why, /exactly half/);
  const loaded = requests.map((r) => new URL(r.url()).pathname).filter(isTutor).sort();
  assert.deepEqual(loaded, ['/gradflow-tutor.js', '/gradflow-tutor.wasm']);

  // The second call reuses the module: same answer, nothing fetched again.
  const again = await page.evaluate((text) => window.gradflow.checkWorking(text, { tolerance: 0.001 }), notes);
  assert.deepEqual(again, report);
  assert.equal(requests.map((r) => r.url()).filter(isTutor).length, 2, 'the module is loaded once');
  // A looser tolerance reaches the engine: a_12 = 3.39 is a slip at 0.1 % and right at 1 %.
  const tight = await page.evaluate(() => window.gradflow.checkWorking('a_12 = 3.39'));
  const loose = await page.evaluate(() => window.gradflow.checkWorking('a_12 = 3.39', { tolerance: 0.01 }));
  assert.equal(tight.lines[0].verdict, 'slip');
  assert.equal(loose.lines[0].verdict, 'right');
  assert.equal(loose.tolerance, 0.01);
  assert.deepEqual(errors, []);
});

test('each bad input is a rejected promise that says what to do', async () => {
  const { page, errors } = await open(browser.context, app.url + '?preset=seed&autoplay=0');
  const messages = await page.evaluate(async () => {
    const out = {};
    const attempt = async (name, f) => {
      try { await f(); out[name] = 'resolved'; } catch (err) { out[name] = err instanceof Error ? err.message : 'not an Error: ' + String(err); }
    };
    await attempt('number', () => window.gradflow.checkWorking(42));
    await attempt('missing', () => window.gradflow.checkWorking());
    await attempt('object', () => window.gradflow.checkWorking({ text: 'a_12 = 3.4' }));
    await attempt('long', () => window.gradflow.checkWorking('a_12 = 3.4\n'.repeat(7000)));   // 77,000 bytes
    for (const [name, tolerance] of [['zero', 0], ['negative', -0.01], ['one', 1], ['nan', NaN],
                                     ['infinite', Infinity], ['string', '0.01']])
      await attempt('tol-' + name, () => window.gradflow.checkWorking('a_12 = 3.4', { tolerance }));
    await attempt('options', () => window.gradflow.checkWorking('a_12 = 3.4', 0.01));
    out.panel = await window.gradflowTutor.check(42);
    out.panelOk = await window.gradflowTutor.check('a_12 = 3.4');
    return out;
  });
  assert.match(messages.number, /must be a string.*not a number/);
  assert.match(messages.missing, /must be a string.*not undefined/);
  assert.match(messages.object, /must be a string.*not an object/);
  assert.match(messages.long, /77,000 bytes; the limit is 65,536 \(64 KiB\)/);
  for (const name of ['zero', 'negative', 'one', 'nan', 'infinite', 'string'])
    assert.match(messages['tol-' + name], /tolerance must be a relative tolerance, a number above 0 and below 1/, name);
  assert.match(messages.options, /options must be an object like \{tolerance: 0\.001\}/);
  // The panel's hook answers a string either way: the error as JSON, or the report as JSON.
  assert.equal(typeof messages.panel, 'string');
  assert.match(JSON.parse(messages.panel).error, /must be a string/);
  const ok = JSON.parse(messages.panelOk);
  assert.equal(ok.lines[0].verdict, 'right');
  assert.equal(ok.summary.right, 1);
  assert.deepEqual(errors, []);
});

test('a tutor that cannot be fetched is refused in words, and the next call tries again', async () => {
  const context = browser.context;
  const page = await context.newPage();
  await page.route('**/gradflow-tutor.wasm', (route) => route.abort());
  const { errors } = await open(context, app.url + '?preset=seed&autoplay=0', { page });
  const first = await page.evaluate(() => window.gradflow.checkWorking('a_12 = 3.4').then(() => 'resolved', (e) => e.message));
  assert.match(first, /the tutor \(gradflow-tutor\.wasm\) could not be loaded: check the connection and call checkWorking again/);
  assert.match(first, /gradflow-tutor\.js and gradflow-tutor\.wasm belong beside gradflow\.js/);
  const panel = JSON.parse(await page.evaluate(() => window.gradflowTutor.check('a_12 = 3.4')));
  assert.match(panel.error, /could not be loaded/);
  await page.unroute('**/gradflow-tutor.wasm');
  const second = await page.evaluate(() => window.gradflow.checkWorking('a_12 = 3.4'));
  assert.equal(second.lines[0].verdict, 'right');
  // Only the refused download itself was an error.
  assert.ok(errors.every((e) => /gradflow-tutor\.wasm|Aborted|abort|failed to load|could not be loaded/i.test(e)), errors.join('\n'));
  await page.close();
});

test('the network checked is the one setConfig put on the page', async () => {
  const { page, errors } = await open(browser.context, app.url + '?preset=seed&autoplay=0');
  const before = await page.evaluate(() => window.gradflow.checkWorking('a_12 = 3.4\nL = 0.0903693617'));
  assert.deepEqual(before.lines.map((l) => l.verdict), ['right', 'right']);
  const changed = await page.evaluate(() => {
    const c = window.gradflow.getConfig();
    c.x = c.x.map((v) => v + 1);   // every input one more: a_12 and L change
    return window.gradflow.setConfig(c);
  });
  assert.deepEqual(changed, { ok: true });
  const state = await page.evaluate(() => window.gradflow.getState());
  const after = await page.evaluate(() => window.gradflow.checkWorking('a_12 = 3.4\nL = 0.0903693617'));
  assert.deepEqual(after.lines.map((l) => l.verdict), ['slip', 'slip']);
  assert.equal(after.lines[0].expected, state.a[0][1], 'a_12 is the page\'s own value now');
  assert.equal(after.lines[1].expected, state.loss);
  assert.notEqual(after.lines[0].expected, before.lines[0].expected);
  // A config the page refuses leaves the last good one in place, for the tutor too.
  const refused = await page.evaluate(() => window.gradflow.setConfig({ layers: [2] }));
  assert.equal(refused.ok, false);
  const still = await page.evaluate(() => window.gradflow.checkWorking('a_12 = 3.4'));
  assert.equal(still.lines[0].expected, state.a[0][1]);
  assert.deepEqual(errors, []);
});

test('over postMessage from another origin: method checkWorking answers with the report, or an error', async () => {
  const page = await browser.context.newPage();
  await page.goto(course.url + 'gradflow-api.js');   // any document of the course origin will do
  await page.evaluate(([src]) => {
    document.body.innerHTML = '';
    window.heard = [];
    window.addEventListener('message', (e) => { if (e.data && e.data.type === 'gradflow') window.heard.push(e.data); });
    const f = document.createElement('iframe');
    f.src = src; f.width = 640; f.height = 400; f.title = 'gradflow';
    document.body.appendChild(f);
    window.target = f;
  }, [app.url + '?preset=seed&autoplay=0']);
  await page.waitForFunction(() => window.heard.some((m) => m.event === 'ready'), null, { timeout: timeoutMs });
  await page.evaluate((text) => {
    const w = window.target.contentWindow;
    w.postMessage({ type: 'gradflow', id: 1, method: 'checkWorking', args: [text] }, '*');
    w.postMessage({ type: 'gradflow', id: 2, method: 'checkWorking', args: ['a_12 = 3.4', { tolerance: 2 }] }, '*');
    w.postMessage({ type: 'gradflow', id: 3, method: 'checkWorking', args: 'a_12 = 3.4' }, '*');
    w.postMessage({ type: 'gradflow', id: 4, method: 'checkWorking', args: [7] }, '*');
  }, notes);
  await page.waitForFunction(() => window.heard.filter((m) => !m.event).length >= 4, null, { timeout: timeoutMs });
  const replies = Object.fromEntries((await page.evaluate(() => window.heard.filter((m) => !m.event))).map((m) => [m.id, m]));
  assert.deepEqual(slipsOf(replies[1].result), SLIPS);
  assert.match(replies[2].error, /tolerance must be/);
  assert.match(replies[3].error, /args must be an array/);
  assert.match(replies[4].error, /must be a string/);
  await page.close();
});

test('the single file has no tutor: checkWorking says it needs the hosted page, and fetches nothing', async () => {
  const file = `${webDir}/gradflow-standalone.html`;
  const { page, errors, requests } = await open(browser.context, pathToFileURL(file).href + '?preset=seed',
                                                { allowedOrigins: [pathToFileURL(file).href] });
  const message = await page.evaluate(() => window.gradflow.checkWorking('a_12 = 3.4').then(() => 'resolved', (e) => e.message));
  assert.match(message, /checking working needs the hosted page.*Open gradflow from a web server/);
  assert.match(JSON.parse(await page.evaluate(() => window.gradflowTutor.check('a_12 = 3.4'))).error, /hosted page/);
  assert.deepEqual(requests.map((r) => r.url()).filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')),
                   [pathToFileURL(file).href + '?preset=seed']);
  assert.deepEqual(errors, []);
  await page.close();
});
