// Shared by the *.test.mjs files: Debian's chromium through playwright-core with the flags that
// work here (TOOLCHAIN.md, "Browser"), a fresh profile per browser, build/web served by
// scripts/serve.py on free ports, and a page opened with its console errors collected.
//
// Env: CHROMIUM (default /usr/bin/chromium), GRADFLOW_WEB (default build/web), TIMEOUT_MS (30000).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const webDir = path.resolve(root, process.env.GRADFLOW_WEB ?? 'build/web');
export const shotDir = path.join(root, 'build/screenshots');
export const timeoutMs = Number(process.env.TIMEOUT_MS ?? 30000);

const chromiumArgs = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--autoplay-policy=no-user-gesture-required'];

if (!existsSync(path.join(webDir, 'index.html')))
  throw new Error(`${webDir}/index.html is missing: build the web preset first (scripts/browser-test.sh does)`);

// scripts/serve.py on a port the OS picks; prefix serves the folder under a sub-path only.
export function serve(dir = webDir, prefix = '/') {
  return new Promise((resolve, reject) => {
    const server = spawn('python3', [path.join(root, 'scripts/serve.py'), dir, 'free', '--prefix', prefix],
                         { stdio: ['ignore', 'pipe', 'pipe'] });
    // Never outlive the test process, whatever way it ends.
    const stop = () => server.kill();
    process.once('exit', stop);
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\S*/);
      if (m) resolve({ url: m[0], close: () => server.kill() });
    });
    server.stderr.on('data', () => {});   // the access log
    server.on('exit', (code) => reject(new Error(`scripts/serve.py exited (${code}) before listening: ${out}`)));
  });
}

// A browser with a fresh profile. Options: viewport, deviceScaleFactor, hasTouch, isMobile, args,
// reducedMotion, colorScheme ('dark' unless given).
export async function launch(options = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'gradflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs.concat(options.args ?? []),
    viewport: options.viewport ?? { width: 1280, height: 720 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    hasTouch: options.hasTouch ?? false,
    isMobile: options.isMobile ?? false,
    reducedMotion: options.reducedMotion,
    // The page follows prefers-color-scheme (theme=auto). Tests see the dark theme unless they
    // ask for light, as the page looked before it had one; theme.test.mjs covers both.
    colorScheme: options.colorScheme ?? 'dark',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Opens url in a new page, collects console errors, page errors, failed requests and requests
// leaving allowedOrigins (default: the page's own). Waits for gradflow.ready and the first frame
// unless wait is false. Returns { page, errors, requests, t0 }.
export async function open(context, url, { wait = true, allowedOrigins, page: given } = {}) {
  const page = given ?? await context.newPage();
  const errors = [];
  const requests = [];
  const origins = allowedOrigins ?? [new URL(url).origin];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console error: ${msg.text()}`); });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('request', (req) => {
    const u = req.url();
    requests.push(req);
    if (!u.startsWith('data:') && !u.startsWith('blob:') && !origins.some((o) => u.startsWith(o)))
      errors.push(`request outside the page's origin: ${u}`);
  });
  await page.addInitScript(countFrames);
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  if (wait) {
    await waitReady(page);
    forgetStreamAbort(errors);
  }
  return { page, errors, requests, t0 };
}

// Chromium sometimes reports the shell's streamed gradflow.wasm download (read to the end with a
// ReadableStream reader, for the progress bar) as net::ERR_ABORTED when the last chunk and the
// stream's close race. Once the module has compiled and run, it was all there: drop that report.
export function forgetStreamAbort(errors) {
  for (let i = errors.length - 1; i >= 0; --i)
    if (/^request failed: .*gradflow\.wasm net::ERR_ABORTED$/.test(errors[i])) errors.splice(i, 1);
}

// Counts the frames the page runs: each is one requestAnimationFrame callback of its main loop
// (asleep, it asks for none). Not GL calls: a frame redraws only what changed
// (src/platform/damage.hpp) and one that changed nothing draws nothing. Installed by open().
function countFrames() {
  window.gfFramesDrawn = 0;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { ++window.gfFramesDrawn; return cb(t); });
}

// For page.addInitScript: counts in window.gradflowFrames the animation frames in which the page
// cleared or drew anything. (A frame redraws only what changed, src/platform/damage.hpp, so most
// frames clear only part of the canvas, and one that changed nothing draws nothing.) It counts
// older builds' frames the same way, for the benchmarks' before → after.
export function countAppFrames() {
  const proto = WebGL2RenderingContext.prototype;
  window.gradflowFrames = 0;
  let tick = 0, counted = -1;
  const loop = () => { ++tick; requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  for (const name of ['clear', 'drawElements', 'drawArrays']) {
    const real = proto[name];
    proto[name] = function (...a) {
      if (counted !== tick) { counted = tick; ++window.gradflowFrames; }
      return real.apply(this, a);
    };
  }
}

// Waits until the page has drawn `n` more frames: input given before this call has been seen by
// a frame and drawn (a fixed wait is not enough on a busy machine, where a frame can take longer
// than the wait). Any input wakes the page; if nothing is drawn in `timeout` ms it returns anyway
// and the test's own assertions say what did not happen.
export async function drawn(page, n = 2, timeout = 5000) {
  const from = await page.evaluate(() => window.gfFramesDrawn ?? 0);
  await page.waitForFunction((k) => (window.gfFramesDrawn ?? 0) >= k, from + n, { timeout, polling: 16 }).catch(() => {});
}

export async function waitReady(page) {
  await page.waitForFunction(() => (window.Module && (window.Module.gradflowFirstFrame || window.Module.gradflowError)),
                             null, { timeout: timeoutMs });
  const err = await page.evaluate(() => window.Module.gradflowError || null);
  if (err) throw new Error(`the page failed: ${err}`);
  await page.evaluate(() => window.gradflow.ready);
}

export async function screenshot(page, name) {
  mkdirSync(shotDir, { recursive: true });
  const file = path.join(shotDir, name);
  await page.screenshot({ path: file });
  return file;
}

// Runs fn(server) with build/web served, closing the server afterwards.
export async function withServer(fn, prefix = '/') {
  const server = await serve(webDir, prefix);
  try { return await fn(server); } finally { server.close(); }
}

// RGBA of a screenshot at CSS-pixel points (WebGL's drawing buffer is gone after compositing, so
// the PNG is read back through an <img>).
export async function screenPixels(page, points) {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(async ([data, pts]) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + data;
    await img.decode();
    const o = document.createElement('canvas');
    o.width = img.width; o.height = img.height;
    const g = o.getContext('2d');
    g.drawImage(img, 0, 0);
    const k = img.width / window.innerWidth;
    return pts.map(([x, y]) => Array.from(g.getImageData(Math.round(x * k), Math.round(y * k), 1, 1).data));
  }, [png, points]);
}

export const near = (a, b, tol) => Math.abs(a - b) <= tol;

// The panels' named controls as last drawn ("Copy LaTeX", "Share", "x_1" …), each [x, y, w, h] in
// CSS px, from gradflow.layout().buttons (boxes there are [x0, y0, x1, y1]).
export const controlBoxes = (page) =>
  page.evaluate(() => Object.fromEntries(Object.entries(window.gradflow.layout().buttons)
    .map(([k, b]) => [k, [b[0], b[1], b[2] - b[0], b[3] - b[1]]])));
