// "Check my working" on the page: typed with real key events, verdicts as the student types, a
// click on a verdict focuses its quantity and marks the slip's hop, working= links, and the
// checker failing. The checker itself (window.gradflowTutor, muparser as a separate module) is
// another lane's: here a stub stands in whose answers are the native engine's own, produced by
// gradflow-cli tutor --json for exactly the text the page asks about (nothing hand-written).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch, open, serve, screenshot, webDir, controlBoxes, root } from './lib/harness.mjs';

const cli = path.join(root, process.env.GRADFLOW_CLI ?? 'build/app/src/cli/gradflow-cli');
const seedNotes = readFileSync(path.join(root, 'tests/tutor/seed-notes.txt'), 'utf8');

// The native answer for `text` on the seed network (what the page shows by default).
function nativeJson(text) {
  return execFileSync(cli, ['tutor', '--preset', 'seed', '--working', '-', '--json'], { input: text, encoding: 'utf8' });
}

let browser, server, seedFixture;
before(async () => {
  assert.ok(existsSync(cli), `${cli} is built (cmake --preset app && cmake --build build/app --target gradflow-cli)`);
  // The seed notes' answer, saved beside the screenshots so a failure can be read against it.
  seedFixture = nativeJson(seedNotes);
  mkdirSync(path.join(root, 'build/test-logs'), { recursive: true });
  writeFileSync(path.join(root, 'build/test-logs/working-seed-notes.json'), seedFixture);
  browser = await launch({ viewport: { width: 1280, height: 800 } });
  server = await serve(webDir);
});
after(async () => { await browser?.close(); server?.close(); });

const centre = (b) => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]; // layout() boxes are [x0, y0, x1, y1]
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const layout = (page) => page.evaluate(() => window.gradflow.layout());

// A page whose window.gradflowTutor answers with the native engine's JSON, a little late (as the
// real module does) and in whatever order the answers finish.
async function openWithChecker(url, { reject, page: given } = {}) {
  const page = given ?? await browser.context.newPage();
  const asked = [];
  await page.exposeFunction('gradflowNativeCheck', (text) => { asked.push(text); return nativeJson(text); });
  await page.addInitScript((rejectWith) => {
    const stub = {
      check: (text) => rejectWith ? Promise.reject(new Error(rejectWith))
                                  : new Promise((r) => setTimeout(r, 30)).then(() => window.gradflowNativeCheck(text)),
    };
    // The page's own gradflow-api.js installs the real checker when it has one: the stub stays.
    Object.defineProperty(window, 'gradflowTutor', { get: () => stub, set: () => {}, configurable: false });
  }, reject ?? null);
  const opened = await open(browser.context, url, { page });
  return { ...opened, asked };
}

async function waitForRows(page, pred, what) {
  for (let i = 0; i < 100; ++i) {
    const l = await layout(page);
    if (pred(l)) return l;
    await page.waitForTimeout(100);
  }
  const l = await layout(page);
  assert.fail(`${what}: rows ${JSON.stringify(l.working.map((r) => `${r.line} ${r.verdict}`))}, message ${l.workingMessage}`);
}

// Scrolls the panel with the wheel over its rows until `line`'s verdict is wholly in view.
async function scrollTo(page, line) {
  for (let i = 0; i < 30; ++i) {
    const l = await layout(page);
    const row = l.working.find((r) => r.line === line);
    assert.ok(row, `${line} has a verdict`);
    if (row.visible) return row;
    const first = l.working.find((r) => r.visible) ?? l.working[0];
    await page.mouse.move(first.box[0] + 20, (first.box[1] + first.box[3]) / 2);
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(120);
  }
  assert.fail(`${line} never scrolled into view`);
}

test('typed with the keyboard, each line gets its verdict as the student types', async () => {
  const { page, errors, asked } = await openWithChecker(server.url + '?autoplay=0');
  let w = await controlBoxes(page);
  assert.ok(w['Check my working'], `the tab is drawn (${Object.keys(w).join(', ')})`);
  await page.mouse.click(w['Check my working'][0] + 10, w['Check my working'][1] + w['Check my working'][3] / 2);
  await page.waitForTimeout(200);
  w = await controlBoxes(page);
  assert.ok(w['working: example'], 'with nothing typed the panel shows an example, not a blank box');
  assert.ok(w['working: text'], 'the text box is drawn');
  await page.mouse.click(w['working: text'][0] + 20, w['working: text'][1] + 10);
  await page.waitForTimeout(150);
  await page.keyboard.type('a_12 = 3.4\n', { delay: 20 });
  await page.keyboard.type('h_12 = 0.8\n', { delay: 20 });
  await page.keyboard.type('a_13 = 1.7\n', { delay: 20 });
  const l = await waitForRows(page, (x) => x.working.length === 3 && !x.workingMessage, 'three verdicts');
  const words = (v) => ({ right: 'right', follows_through: 'follows through', slip: `slip: ${v.slip}`,
                          error: `error at column ${v.column}` })[v.verdict];
  const native = JSON.parse(nativeJson('a_12 = 3.4\nh_12 = 0.8\na_13 = 1.7\n')).lines;
  assert.deepEqual(l.working.map((r) => `${r.line} ${r.verdict}`), native.map((v) => `line ${v.line} ${words(v)}`),
                   'the native engine\'s verdicts, line by line');
  assert.equal(l.working[0].verdict, 'right', 'a_12 = 3.4 is right');
  assert.ok(asked.length >= 3, `the page asked as the text grew (${asked.length} times)`);
  assert.equal(asked.at(-1), 'a_12 = 3.4\nh_12 = 0.8\na_13 = 1.7\n', 'the last question is the whole text');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the seed notes from a working= link: five slips, and a click on line 20 shows its hop', async () => {
  const { page, errors } = await openWithChecker(server.url + '?autoplay=0&working=' + b64url(seedNotes));
  const l = await waitForRows(page, (x) => x.working.length === 18, 'the seed notes\' verdicts');
  const slips = l.working.filter((r) => r.verdict.startsWith('slip')).map((r) => r.line);
  assert.deepEqual(slips, ['line 4', 'line 16', 'line 20', 'line 21', 'line 23']);
  assert.deepEqual(l.hops, [], 'no hop before a line is chosen');
  const row20 = await scrollTo(page, 'line 20');
  assert.equal(row20.verdict, 'slip: weight_not_input');
  await page.mouse.click(...centre(row20.box));
  await page.waitForTimeout(300);
  const after = await layout(page);
  assert.equal((await page.evaluate(() => window.gradflow.getState())).focus, 'w_212', 'the click focused w_212');
  assert.deepEqual(after.hops.map((h) => `${h.kind} ${h.node}`), ['hop-edge w_212', 'hop-node a_21']);
  for (const h of after.hops) {
    assert.ok(h.box[0] >= after.canvas[0] - 1 && h.box[2] <= after.canvas[2] + 1, `${h.node} is on the canvas`);
  }
  // Share writes the working back.
  const link = await page.evaluate(() => window.gradflow.shareUrl());
  assert.match(link, new RegExp('working=' + b64url(seedNotes)));
  await screenshot(page, 'working-1280x800.png');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a checker that cannot load is said in the panel, with what to do', async () => {
  const { page } = await openWithChecker(server.url + '?autoplay=0&working=' + b64url('a_12 = 3.4\n'),
                                         { reject: 'the module failed to download' });
  const l = await waitForRows(page, (x) => /could not load/.test(x.workingMessage), 'the failure');
  assert.match(l.workingMessage, /The checker could not load: the module failed to download\. Reload the page/);
  assert.deepEqual(l.working, [], 'no verdicts shown as if it had worked');
  await page.close();
});

test('a bad working= is a notice naming the parameter, and the page carries on', async () => {
  const { page, errors } = await open(browser.context, server.url + '?autoplay=0&working=a*b');
  const text = await page.evaluate(() => !document.getElementById('notice').hidden && document.getElementById('notice-list').textContent);
  assert.match(text, /working= is not valid base64url/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the panel fits at 1280×800, 800×500 and the phone\'s 390×844, dark and light', async () => {
  for (const [width, height] of [[1280, 800], [800, 500], [390, 844]]) {
    for (const theme of ['dark', 'light']) {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width, height });
      const { errors } = await openWithChecker(server.url + `?autoplay=0&t=30&theme=${theme}&working=` + b64url(seedNotes), { page });
      const l = await waitForRows(page, (x) => x.working.length === 18, `the verdicts at ${width}×${height}`);
      const shown = l.working.filter((r) => r.visible);
      assert.ok(shown.length >= 3, `${width}×${height}: at least three verdicts in view (${shown.length})`);
      if (l.compact) {
        assert.equal(l.sheet, 'working', 'on a phone the link opens the sheet on the working');
        for (const r of shown) assert.ok(r.box[1] >= l.sheetRect[1] - 1 && r.box[3] <= l.sheetRect[3] + 1, `${r.line} inside the sheet`);
      } else {
        for (const r of shown) assert.ok(r.box[0] >= l.canvas[2] - 1, `${r.line} beside the canvas, not over it`);
      }
      await screenshot(page, `working-${width}x${height}-${theme}.png`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});
