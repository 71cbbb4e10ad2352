// Loads the web build in Debian's headless chromium, waits for the app's first frame and writes
// build/screenshots/web.png (devicePixelRatio 1) and web@2x.png (devicePixelRatio 2).
//
//   node tests/browser/screenshot.mjs [url]
//
// Without a url it serves build/web/ itself (scripts/serve.py, a free port). Fails (exit 1) on
// console errors, page errors, requests to anything but the page's own origin, or no first frame.
// Env: CHROMIUM (default /usr/bin/chromium), SETTLE_MS (wait after the first frame, default 1000),
//      TIMEOUT_MS (default 30000).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'build/screenshots');
const settleMs = Number(process.env.SETTLE_MS ?? 1000);
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 30000);

// The flags that work with ANGLE on SwiftShader here (TOOLCHAIN.md, "Browser").
const chromiumArgs = ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run'];

function serve() {
  return new Promise((resolve, reject) => {
    const server = spawn('python3', [path.join(root, 'scripts/serve.py'), path.join(root, 'build/web')],
                         { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) resolve({ url: m[0], server });
    });
    server.stderr.on('data', () => {});   // the access log
    server.on('exit', (code) => reject(new Error(`scripts/serve.py exited (${code}) before listening: ${out}`)));
  });
}

async function shoot(url, dpr, file, problems) {
  // A fresh profile every run: no cached wasm, no leftovers from an earlier build.
  const profile = mkdtempSync(path.join(tmpdir(), 'gradflow-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: dpr,
  });
  try {
    await runPage(context, url, dpr, file, problems);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function runPage(context, url, dpr, file, problems) {
  const page = context.pages()[0] ?? await context.newPage();
  const origin = new URL(url).origin;
  page.on('console', (msg) => {
    console.log(`  [console.${msg.type()}] ${msg.text()}`);
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('data:')) problems.push(`request outside the page's origin: ${u}`);
  });
  page.on('response', (res) => { if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`); });

  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window.Module && (window.Module.gradflowFirstFrame || window.Module.gradflowError))
                                   || !document.getElementById('error').classList.contains('hidden'),
                             null, { timeout: timeoutMs });
  const state = await page.evaluate(() => ({
    firstFrame: !!(window.Module && window.Module.gradflowFirstFrame),
    error: (window.Module && window.Module.gradflowError) || document.getElementById('error-text').textContent,
    canvas: [document.getElementById('canvas').width, document.getElementById('canvas').height],
    css: [window.innerWidth, window.innerHeight],
    mime: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')),
  }));
  if (!state.firstFrame) problems.push(`no first frame: ${state.error}`);
  console.log(`  dpr ${dpr}: first frame after ${Date.now() - t0} ms, canvas ${state.canvas.join('x')} px for ${state.css.join('x')} CSS px`);
  if (state.canvas[0] !== state.css[0] * dpr) problems.push(`canvas is ${state.canvas[0]} px wide, expected ${state.css[0] * dpr} (devicePixelRatio ${dpr})`);
  await page.waitForTimeout(settleMs);
  await page.screenshot({ path: file });
  console.log(`  wrote ${path.relative(root, file)}`);
}

const problems = [];
let server = null;
let url = process.argv[2];
try {
  if (!url) ({ url, server } = await serve());
  console.log(`screenshot: ${url}`);
  mkdirSync(outDir, { recursive: true });
  await shoot(url, 1, path.join(outDir, 'web.png'), problems);
  await shoot(url, 2, path.join(outDir, 'web@2x.png'), problems);
} catch (err) {
  problems.push(String(err && err.stack || err));
} finally {
  if (server) server.kill();
}
if (problems.length) {
  console.error('screenshot: FAILED\n  ' + problems.join('\n  '));
  process.exit(1);
}
console.log('screenshot: OK');
