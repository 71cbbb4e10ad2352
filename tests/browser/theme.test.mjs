// Light and dark: ?theme= wins, theme=auto (the default) follows prefers-color-scheme — at load
// and live — and share links and embed snippets carry a chosen theme. Colours are read from
// screenshots, so the test sees what a reader sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, screenPixels } from './lib/harness.mjs';

let dark, light, server;
before(async () => {
  server = await serve(webDir);
  dark = await launch({ colorScheme: 'dark' });
  light = await launch({ colorScheme: 'light' });
});
after(async () => { await dark?.close(); await light?.close(); server?.close(); });

// Median luminance (0–255) of a 40 px grid over the screenshot: the background dominates it.
async function medianLuminance(page) {
  const { w, h } = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
  const grid = [];
  for (let x = 20; x < w; x += 40) for (let y = 20; y < h; y += 40) grid.push([x, y]);
  const lum = (await screenPixels(page, grid)).map(([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b);
  lum.sort((a, b) => a - b);
  return lum[lum.length >> 1];
}

// Waits (up to 5 s) until the screenshot's median luminance passes `pred`; returns the last value.
async function waitLuminance(page, pred) {
  let l = await medianLuminance(page);
  for (let i = 0; i < 25 && !pred(l); ++i) { await page.waitForTimeout(200); l = await medianLuminance(page); }
  return l;
}

const isLight = (l) => l > 200;
const isDark = (l) => l < 60;
const meta = (page) => page.evaluate(() => document.querySelector('meta[name="theme-color"]').content);

test('theme=light on a dark system is light, theme=dark on a light system is dark', async () => {
  const a = (await open(dark.context, server.url + '?theme=light&autoplay=0')).page;
  const la = await waitLuminance(a, isLight);
  await screenshot(a, 'theme-light-url.png');
  assert.ok(isLight(la), `theme=light: median luminance ${la.toFixed(1)}, expected a light page`);
  assert.equal(await meta(a), '#eef1f6');
  await a.close();

  const b = (await open(light.context, server.url + '?theme=dark&autoplay=0')).page;
  const lb = await waitLuminance(b, isDark);
  assert.ok(isDark(lb), `theme=dark: median luminance ${lb.toFixed(1)}, expected a dark page`);
  assert.equal(await meta(b), '#0e1015');
  await b.close();
});

test('theme=auto follows prefers-color-scheme at load, both ways', async () => {
  const a = (await open(light.context, server.url + '?autoplay=0')).page;
  const la = await waitLuminance(a, isLight);
  assert.ok(isLight(la), `light system: median luminance ${la.toFixed(1)}`);
  await a.close();
  const b = (await open(dark.context, server.url + '?theme=auto&autoplay=0')).page;
  const lb = await waitLuminance(b, isDark);
  assert.ok(isDark(lb), `dark system: median luminance ${lb.toFixed(1)}`);
  await b.close();
});

test('theme=auto follows a live change of prefers-color-scheme while the page is open', async () => {
  const { page, errors } = await open(dark.context, server.url + '?autoplay=0');
  assert.ok(isDark(await waitLuminance(page, isDark)), 'starts dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // A real input too, so a page that only redraws on input (idle) still draws the change.
  await page.mouse.move(640, 300);
  const l1 = await waitLuminance(page, isLight);
  assert.ok(isLight(l1), `after switching the system to light: median luminance ${l1.toFixed(1)}`);
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('theme-light')));
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.mouse.move(600, 320);
  const l2 = await waitLuminance(page, isDark);
  assert.ok(isDark(l2), `and back to dark: median luminance ${l2.toFixed(1)}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a chosen theme travels in share links and embed snippets, auto does not', async () => {
  const a = (await open(dark.context, server.url + '?theme=light&autoplay=0')).page;
  assert.match(await a.evaluate(() => window.gradflow.shareUrl()), /[?&]theme=light(&|$)/);
  assert.match(await a.evaluate(() => window.gradflow.embedSnippet()), /theme=light/);
  await a.close();
  const b = (await open(light.context, server.url + '?autoplay=0')).page;
  assert.doesNotMatch(await b.evaluate(() => window.gradflow.shareUrl()), /theme=/);
  await b.close();
});

test('a bad theme value: a notice naming it, and the system theme', async () => {
  const { page } = await open(light.context, server.url + '?theme=sepia&autoplay=0');
  const notice = await page.evaluate(() => !document.getElementById('notice').hidden && document.getElementById('notice-list').textContent);
  assert.match(notice || '', /theme="sepia".*light, dark or auto/);
  assert.ok(isLight(await waitLuminance(page, isLight)));
  await page.close();
});
