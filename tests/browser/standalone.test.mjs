// gradflow-standalone.html opened from disk (file://): one file, nothing fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { launch, open, screenshot, near, webDir, root } from './lib/harness.mjs';

// The budget's one place: cmake/WebAssets.cmake.
function budget(name) {
  const m = readFileSync(`${root}/cmake/WebAssets.cmake`, 'utf8').match(new RegExp(`set\\(${name} (\\d+)`));
  assert.ok(m, `cmake/WebAssets.cmake sets ${name}`);
  return Number(m[1]);
}

const file = `${webDir}/gradflow-standalone.html`;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the single file loads from file:// and computes', async () => {
  assert.ok(existsSync(file), `${file} was not built`);
  const url = pathToFileURL(file).href + '?preset=mazur';
  const { page, errors, requests } = await open(browser.context, url, { allowedOrigins: [pathToFileURL(file).href] });
  const s = await page.evaluate(() => window.gradflow.getState());
  assert.ok(near(s.loss_next, 0.2910277737, 1e-9));
  const fetched = requests.map((r) => r.url()).filter((u) => !u.startsWith('data:'));
  assert.equal(fetched.length, 1, `only the file itself: ${fetched.join(', ')}`);
  assert.deepEqual(errors, []);
  console.log(`  ${(statSync(file).size / 1048576).toFixed(1)} MB, first frame ${(await page.evaluate(() => window.Module.gradflowFirstFrameMs)).toFixed(0)} ms`);
  await screenshot(page, 'standalone.png');
  await page.close();
});

test('the single file is within its size budget (1 MB)', () => {
  const limit = budget('GRADFLOW_STANDALONE_BUDGET_BYTES');
  assert.ok(limit <= 1048576, `the budget itself is at most 1 MB: ${limit}`);
  const size = statSync(file).size;
  assert.ok(size <= limit, `gradflow-standalone.html is ${size} bytes, over ${limit}`);
});

test('a browser without DecompressionStream gets a message that says what to do', async () => {
  const url = pathToFileURL(file).href;
  const { page } = await open(browser.context, url, { wait: false, allowedOrigins: [url] });
  await page.addInitScript(() => { delete window.DecompressionStream; });
  await page.reload();
  await page.waitForFunction(() => !document.getElementById('error').classList.contains('hidden'));
  const text = await page.evaluate(() => document.getElementById('error-text').textContent);
  assert.match(text, /DecompressionStream/);
  assert.match(text, /current browser/);
  assert.notEqual(await page.evaluate(() => window.Module.gradflowFirstFrame), true);
  await page.close();
});

// The single file is the build, not something like it: the wasm it carries (gzip + base64) and the two
// scripts it inlines are byte for byte build/web's, and what is left is index.html itself.
test('the single file carries build/web\'s gradflow.wasm, gradflow.js and gradflow-api.js exactly', () => {
  const html = readFileSync(file, 'utf8');
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 4, `${scripts.length} inline scripts`);
  const unescape = (code) => code.replaceAll('<\\/script', '</script');
  // The shell's own inline scripts (the theme painted before the wasm runs) come first; the wasm
  // goes where the gradflow-api.js tag was, the API right after it.
  const at = scripts.findIndex((sc) => sc[1].startsWith('window.GRADFLOW_STANDALONE'));
  assert.ok(at >= 0, 'a script holds window.GRADFLOW_STANDALONE');
  const m = scripts[at][1].match(/^window\.GRADFLOW_STANDALONE = \{ gzip: true, wasm: "([A-Za-z0-9+/=]+)", rest: "([A-Za-z0-9+/=]+)" \};$/);
  assert.ok(m, 'the first script holds both parts of the module as gzip + base64');
  for (const [packed, name] of [[m[1], 'gradflow.wasm'], [m[2], 'gradflow.rest.wasm']]) {
    const wasm = gunzipSync(Buffer.from(packed, 'base64'));
    const built = readFileSync(`${webDir}/${name}`);
    assert.equal(wasm.length, built.length, `${name}: same length`);
    assert.ok(wasm.equals(built), `${name}: same bytes`);
  }
  assert.equal(unescape(scripts[at + 1][1]), readFileSync(`${webDir}/gradflow-api.js`, 'utf8'), 'gradflow-api.js');
  const last = scripts[scripts.length - 1];
  assert.equal(unescape(last[1]), readFileSync(`${webDir}/gradflow.js`, 'utf8'), 'gradflow.js');
  // Put the tag back, drop the module and the title's note: index.html is what remains.
  const page = html.slice(0, scripts[at].index) + '<script src="gradflow-api.js"></script>'
    + html.slice(scripts[at + 1].index + scripts[at + 1][0].length, last.index)
    + html.slice(last.index + last[0].length + 1);
  // index.html also preloads the three files from its head; the single file, which has them
  // inline, must not name them (from file:// those would be failed requests).
  assert.doesNotMatch(html, /rel="preload"/, 'no preloads in the single file');
  const index = readFileSync(`${webDir}/index.html`, 'utf8');
  const preloads = index.match(/<!-- \[preload\][\s\S]*?<!-- \[\/preload\] -->/);
  assert.ok(preloads && /rel="preload" href="gradflow\.wasm"/.test(preloads[0]), 'index.html preloads the wasm');
  assert.equal(page.replace('<title>gradflow (standalone)', '<title>gradflow'), index.replace(preloads[0], ''));
});
