// gradflow-standalone.html opened from disk (file://): one file, nothing fetched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { existsSync, statSync } from 'node:fs';
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
