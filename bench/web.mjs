// Figures for the web page (not tests): Debian's chromium, headless, ANGLE on SwiftShader — a CPU
// renderer, so frame rates are this machine's, not a reader's GPU's.
//
//   node bench/web.mjs <build/web> [<an older build/web>]
//
// For each folder: time to the first frame after navigation (median of 5 fresh loads), each
// file's size raw and gzip -9, frames per second while animating (seed and wide presets, at
// 1280×800 and 640×400), frames drawn in 2 s while paused, and the app's own mean CPU cost of
// building a frame's draw data (printed by the app after 240 frames). Two folders are printed
// side by side (before → after). Frames are counted in the page as animation frames that issued
// a WebGL clear or draw (harness.mjs's countAppFrames).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dirs = process.argv.slice(2).map((d) => path.resolve(d));
if (dirs.length < 1 || dirs.length > 2) {
  console.error('usage: node bench/web.mjs <build/web> [<an older build/web to compare with>]');
  process.exit(2);
}
for (const d of dirs) {
  if (!existsSync(path.join(d, 'index.html')) || !existsSync(path.join(d, 'gradflow.wasm'))) {
    console.error(`bench/web.mjs: ${d} has no index.html and gradflow.wasm: build the web preset there first`);
    process.exit(2);
  }
}
process.env.GRADFLOW_WEB = dirs[0];   // harness.mjs checks its default folder on import
const { launch, serve, countAppFrames } = await import('../tests/browser/lib/harness.mjs');

const FILES = ['index.html', 'gradflow-api.js', 'gradflow.js', 'gradflow.wasm', 'gradflow.rest.wasm', 'gradflow-standalone.html'];
// What the page fetches before its first frame; gradflow.rest.wasm (web/split_module.py) comes on
// the first input or API request (an older build has none: its gradflow.wasm was the whole module).
const FIRST_LOAD = ['index.html', 'gradflow-api.js', 'gradflow.js', 'gradflow.wasm'];
const RUNS = 5;

async function ready(page) {
  await page.waitForFunction(() => window.Module && (window.Module.gradflowFirstFrame || window.Module.gradflowError), null, { timeout: 120000 });
  const err = await page.evaluate(() => window.Module.gradflowError || null);
  if (err) throw new Error(`the page failed: ${err}`);
  await page.evaluate(() => window.gradflow.ready.then(() => true));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function measure(dir) {
  const out = { files: {} };
  for (const f of FILES) {
    const p = path.join(dir, f);
    if (!existsSync(p)) continue;
    const body = readFileSync(p);
    out.files[f] = { raw: statSync(p).size, gzip: gzipSync(body, { level: 9 }).length };
  }
  const server = await serve(dir);
  try {
    // First frame: a fresh browser each time, so nothing is cached or compiled already.
    const firsts = [];
    for (let i = 0; i < RUNS; ++i) {
      const b = await launch({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await b.context.newPage();
        await page.goto(server.url + '?preset=seed', { waitUntil: 'load' });
        await ready(page);
        firsts.push(await page.evaluate(() => window.Module.gradflowFirstFrameMs));
      } finally { await b.close(); }
    }
    out.firstFrameMs = median(firsts);
    out.firstFrameAll = firsts;

    for (const [w, h] of [[1280, 800], [640, 400]]) {
      const b = await launch({ viewport: { width: w, height: h } });
      try {
        for (const [preset, focus] of [['seed', 'w_212'], ['wide', 'w_211']]) {
          const page = await b.context.newPage();
          await page.addInitScript(countAppFrames);
          let cost = null;
          page.on('console', (m) => {
            const r = m.text().match(/building a frame's draw data took ([0-9.]+) ms on average over (\d+) frames/);
            if (r) cost = Number(r[1]);
          });
          await page.goto(`${server.url}?preset=${preset}&focus=${focus}&autoplay=0`, { waitUntil: 'load' });
          await ready(page);
          // Paused: a page at rest should draw nothing (or next to nothing).
          await page.waitForTimeout(500);
          const p0 = await page.evaluate(() => window.gradflowFrames);
          await page.waitForTimeout(2000);
          const paused = (await page.evaluate(() => window.gradflowFrames)) - p0;
          // Animating: frames over 3 s of play.
          await page.evaluate(() => window.gradflow.play());
          await page.waitForTimeout(300);
          const [f0, t0] = await page.evaluate(() => [window.gradflowFrames, performance.now()]);
          await page.waitForTimeout(3000);
          const [f1, t1] = await page.evaluate(() => [window.gradflowFrames, performance.now()]);
          // The app prints its frame-build cost once, at its 240th frame; give it a little longer.
          for (let waited = 0; cost === null && waited < 20000; waited += 250) await page.waitForTimeout(250);
          out[`${preset}@${w}x${h}`] = { fps: (f1 - f0) / ((t1 - t0) / 1000), paused, buildMs: cost };
          await page.close();
        }
      } finally { await b.close(); }
    }
  } finally { server.close(); }
  return out;
}

// An older build, when given, is printed first: before → after.
if (dirs.length > 1) dirs.reverse();
const results = [];
for (const d of dirs) {
  process.stderr.write(`bench/web.mjs: measuring ${d} …\n`);
  results.push(await measure(d));
}

const col = (v, unit = '', digits = 0) => (v === null || v === undefined ? 'n/a' : v.toFixed(digits) + unit).padStart(12);
const row = (label, get, unit, digits) => {
  const cells = results.map((r) => col(get(r), unit, digits));
  console.log(label.padEnd(54) + cells.join(dirs.length > 1 ? '  →' : ''));
};
console.log(`== web page in headless Chromium (${process.env.CHROMIUM ?? '/usr/bin/chromium'}, SwiftShader) ==`);
if (dirs.length > 1) console.log(`before: ${dirs[0]}\nafter:  ${dirs[1]}`);
row(`first frame after navigation (median of ${RUNS})`, (r) => r.firstFrameMs, ' ms');
row('page as first loaded, gzip -9 (html, api, js, wasm)', (r) => FIRST_LOAD.reduce((t, f) => t + (r.files[f]?.gzip ?? 0), 0), ' B');
row('... and with gradflow.rest.wasm, gzip -9', (r) => [...FIRST_LOAD, 'gradflow.rest.wasm'].reduce((t, f) => t + (r.files[f]?.gzip ?? 0), 0), ' B');
for (const f of FILES) {
  row(`${f} raw`, (r) => r.files[f]?.raw, ' B');
  row(`${f} gzip -9`, (r) => r.files[f]?.gzip, ' B');
}
for (const key of ['seed@1280x800', 'wide@1280x800', 'seed@640x400', 'wide@640x400']) {
  row(`${key}: frames/s playing`, (r) => r[key]?.fps, '', 1);
  row(`${key}: frames drawn in 2 s paused`, (r) => r[key]?.paused, '');
  row(`${key}: ms to build a frame (app, 240 frames)`, (r) => r[key]?.buildMs, ' ms', 3);
}
for (const [i, r] of results.entries())
  console.log(`first-frame runs (${dirs[i]}): ${r.firstFrameAll.map((x) => x.toFixed(0)).join(', ')} ms`);
process.exit(0);   // the harness's servers are closed; nothing else should hold the process
