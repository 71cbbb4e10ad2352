// gradflow-standalone.html opened from disk (file://): one file, nothing fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { launch, open, screenshot, near, webDir } from './lib/harness.mjs';

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

// The single file is the build, not something like it: the wasm it carries (base64) and the two
// scripts it inlines are byte for byte build/web's, and what is left is index.html itself.
test('the single file carries build/web\'s gradflow.wasm, gradflow.js and gradflow-api.js exactly', () => {
  const html = readFileSync(file, 'utf8');
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 4, `${scripts.length} inline scripts`);
  const unescape = (code) => code.replaceAll('<\\/script', '</script');
  const m = scripts[0][1].match(/^window\.GRADFLOW_STANDALONE = \{ wasm: "([A-Za-z0-9+/=]+)" \};$/);
  assert.ok(m, 'the first script holds the wasm as base64');
  const wasm = Buffer.from(m[1], 'base64');
  const built = readFileSync(`${webDir}/gradflow.wasm`);
  assert.equal(wasm.length, built.length, 'gradflow.wasm: same length');
  assert.ok(wasm.equals(built), 'gradflow.wasm: same bytes');
  assert.equal(unescape(scripts[1][1]), readFileSync(`${webDir}/gradflow-api.js`, 'utf8'), 'gradflow-api.js');
  const last = scripts[scripts.length - 1];
  assert.equal(unescape(last[1]), readFileSync(`${webDir}/gradflow.js`, 'utf8'), 'gradflow.js');
  // Put the tag back, drop the module and the title's note: index.html is what remains.
  const page = html.slice(0, scripts[0].index) + '<script src="gradflow-api.js"></script>'
    + html.slice(scripts[1].index + scripts[1][0].length, last.index)
    + html.slice(last.index + last[0].length + 1);
  assert.equal(page.replace('<title>gradflow (standalone)', '<title>gradflow'), readFileSync(`${webDir}/index.html`, 'utf8'));
});
