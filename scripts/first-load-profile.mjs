// Writes web/first-load.txt: the functions a reader who only watches runs, which
// web/split_module.py keeps in gradflow.wasm (everything else goes to gradflow.rest.wasm, fetched on
// the first input). Run by scripts/first-load-profile.sh after a web build; not a test.
//
// The page runs an instrumented copy of the whole module (wasm-split --instrument), with input held
// for good (window.gradflowHoldInput: the DOM handlers run, the frame never takes their events, as
// while the rest is on its way). Each scenario opens the page as a course reader would — seed
// network, desktop, phone and embed sizes, both themes, a focused weight, the gradients view,
// reduced motion — watches it play, then moves, clicks, taps, scrolls and types. No API call is
// made: requests load the rest. The functions any scenario ran are listed, by name.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch, serve, open, forgetStreamAbort } from '../tests/browser/lib/harness.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const web = path.resolve(process.argv[2] ?? path.join(root, 'build/web'));
const out = process.argv[3] ?? path.join(root, 'web/first-load.txt');
const linked = path.join(web, 'src/platform/gradflow.linked.wasm');
const watchMs = Number(process.env.WATCH_MS ?? 17000);   // the seed story is 15 s

const site = mkdtempSync(path.join(tmpdir(), 'gradflow-profile-'));
for (const f of readdirSync(web)) if (/\.(html|js)$/.test(f)) copyFileSync(path.join(web, f), path.join(site, f));
execFileSync('wasm-split', ['--all-features', '--instrument', linked, '-o', path.join(site, 'gradflow.wasm'), '-g']);

const scenarios = [
  { query: '', viewport: { width: 1280, height: 800 } },
  { query: 'theme=light&contrast=high', viewport: { width: 1280, height: 800 } },
  { query: 'focus=w_212', viewport: { width: 1280, height: 800 } },
  { query: 'autoplay=0', viewport: { width: 1280, height: 800 } },
  // The Embed button's snippets: an author's figure paused at the backward pass, and a playing one.
  { query: 'embed=1&autoplay=0&t=9&view=gradients&theme=light', viewport: { width: 800, height: 500 } },
  { query: 'embed=1&focus=w_131&panels=none', viewport: { width: 760, height: 420 } },
  { query: '', viewport: { width: 640, height: 400 } },
  { query: 'motion=reduced&speed=2', viewport: { width: 960, height: 600 } },
  { query: '', viewport: { width: 390, height: 740 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true },
  { query: 'theme=light', viewport: { width: 360, height: 640 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true, colorScheme: 'light' },
  { query: '', viewport: { width: 768, height: 1024 }, deviceScaleFactor: 2 },
];
// The other presets the shell counts on the first part for (web/shell.html: FIRST_LOAD_PRESETS;
// a link to any other preset fetches the rest up front).
const shell = readFileSync(path.join(root, 'web/shell.html'), 'utf8');
const listed = shell.match(/const FIRST_LOAD_PRESETS = \[([^\]]*)\]/);
if (!listed) throw new Error('web/shell.html has no FIRST_LOAD_PRESETS list');
for (const name of listed[1].match(/[\w-]+/g).filter((n) => n !== 'seed'))
  scenarios.push({ query: `preset=${name}`, viewport: { width: 1280, height: 800 } });

const server = await serve(site);
let used = null;   // per defined function: called in any scenario
try {
  for (const s of scenarios) {
    const { context, close } = await launch(s);
    try {
      await context.addInitScript(() => { window.gradflowHoldInput = true; });
      const { page, errors } = await open(context, server.url + (s.query ? '?' + s.query : ''), { wait: false });
      await page.waitForFunction(() => window.Module && (window.Module.gradflowFirstFrame || window.Module.gradflowError),
                                 null, { timeout: 60000 });
      await page.waitForTimeout(watchMs);
      const { width: w, height: h } = s.viewport;
      if (s.hasTouch) {
        await page.touchscreen.tap(w / 2, h / 3);
      } else {
        for (let i = 0; i <= 10; ++i) await page.mouse.move(w * i / 10, h / 2);
        await page.mouse.click(w / 2, h / 2);
        await page.mouse.wheel(0, 120);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.type('a');
      }
      await page.waitForTimeout(1500);
      forgetStreamAbort(errors);
      if (errors.length) throw new Error(`${s.query} ${w}x${h}: ${errors.join('; ')}`);
      const b64 = await page.evaluate(() => {
        const asm = window.Module.asm;
        const memory = Object.values(asm).find((v) => v instanceof WebAssembly.Memory);
        const size = 1 << 20;
        const at = window.Module._malloc(size);
        const n = asm.__write_profile(at, size);
        let text = '';
        for (const b of new Uint8Array(memory.buffer, at, n)) text += String.fromCharCode(b);
        return btoa(text);
      });
      // The profile: an 8-byte module hash, then a 32-bit timestamp per defined function (0: never ran).
      const bytes = Buffer.from(b64, 'base64');
      const ran = [];
      for (let at = 8; at + 4 <= bytes.length; at += 4) ran.push(bytes.readUInt32LE(at) !== 0);
      used = used ? used.map((u, i) => u || ran[i]) : ran;
      console.log(`${(s.query || '(default)').padEnd(28)} ${w}x${h}: ${ran.filter(Boolean).length} functions ran`);
    } finally {
      await close();
    }
  }
} finally {
  server.close();
  rmSync(site, { recursive: true, force: true });
}

// Names of the defined functions, in order, from the linked module's name section.
const names = JSON.parse(execFileSync('python3', ['-c', `
import json, sys, importlib.util
spec = importlib.util.spec_from_file_location("s", ${JSON.stringify(path.join(root, 'web/split_module.py'))})
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
imported, sizes, names = m.functions(open(sys.argv[1], "rb").read())
print(json.dumps([names.get(imported + i, "") for i in range(len(sizes))]))
`, linked]).toString());
if (names.length !== used.length) throw new Error(`the profile has ${used.length} functions, the module ${names.length}`);
const kept = names.filter((n, i) => used[i] && n);
writeFileSync(out, '# Written by scripts/first-load-profile.sh: the functions a watching reader runs (web/split_module.py).\n' +
              kept.join('\n') + '\n');
console.log(`first-load-profile: ${kept.length} of ${names.length} functions → ${path.relative(root, out)}`);
