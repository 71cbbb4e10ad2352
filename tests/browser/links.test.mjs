// What a link says: unknown parameters are named, the contributions view has its label's name, a
// link with a time opens paused there, and Share from a file:// page says it cannot travel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { launch, open, serve, screenshot, webDir, controlBoxes } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch(); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const notice = (page) => page.evaluate(() => !document.getElementById('notice').hidden && document.getElementById('notice-list').textContent);

test('an unknown parameter is named in the notice, with the nearest known one', async () => {
  const { page, errors } = await open(browser.context, server.url + '?focuss=w_212&view=gradients');
  const text = await notice(page);
  assert.ok(text, 'the notice is shown');
  assert.match(text, /focuss/);
  assert.match(text, /did you mean focus\?/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the contributions view is view=contributions in links, and view=forward still opens it', async () => {
  const { page } = await open(browser.context, server.url + '?view=forward&autoplay=0');
  assert.ok(await page.evaluate(() => document.getElementById('notice').hidden), 'the old name is no problem');
  assert.match(await page.evaluate(() => window.gradflow.shareUrl()), /^[^#]*$/, 'the default view is not written');
  await page.close();
  const { page: p2 } = await open(browser.context, server.url + '?view=contributions&autoplay=0');
  assert.ok(await p2.evaluate(() => document.getElementById('notice').hidden), 'the new name is understood');
  await p2.close();
  const { page: p3 } = await open(browser.context, server.url + '?view=sideways');
  assert.match(await notice(p3), /contributions/);
  await p3.close();
});

test('a link that names a time opens paused there', async () => {
  const { page } = await open(browser.context, server.url + '?t=11');
  await page.waitForTimeout(600);
  const s = await page.evaluate(() => window.gradflow.getState());
  assert.equal(s.playing, false, 'paused');
  assert.equal(s.t, 11);
  await page.close();
});

test('Share from gradflow-standalone.html on file:// says the link opens only here and offers its #config= part', async () => {
  const file = `${webDir}/gradflow-standalone.html`;
  const url = pathToFileURL(file).href + '?autoplay=0';
  const { page } = await open(browser.context, url, { allowedOrigins: [pathToFileURL(file).href] });
  await page.evaluate(() => window.gradflow.setConfig({ layers: [2, 2, 1], activations: ['tanh', 'sigmoid'], loss: 'mse', x: [0.5, -1], y: [1], init_seed: 3 }));
  await page.waitForTimeout(200);
  const w = await controlBoxes(page);
  assert.ok(w.Share, `the Share button is drawn (${Object.keys(w).join(', ')})`);
  await page.mouse.click(w.Share[0] + w.Share[2] / 2, w.Share[1] + w.Share[3] / 2);
  await page.waitForTimeout(300);
  const after = await controlBoxes(page);
  assert.ok(after['share: file'], `the popup warns about file:// (${Object.keys(after).join(', ')})`);
  await screenshot(page, 'links-share-file.png');
  await page.close();
});
