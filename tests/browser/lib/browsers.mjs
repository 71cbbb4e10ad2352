// The same test in two browsers: Debian's chromium (playwright-core, headless, as in harness.mjs)
// and Debian's firefox-esr (puppeteer-core over WebDriver BiDi). Headless Firefox has no WebGL
// here at all, even forced, so Firefox gets a real window on a private Xvfb display (Mesa
// llvmpipe). A missing browser or Xvfb throws: the test fails, it is never skipped.
//
// Each driver gives pages with one small interface, enough for the page's smoke test, its
// numbers and real keyboard and pointer input:
//   page.evaluate(fn, arg)  page.waitFor(fn, arg, ms)  page.mouse  page.keyboard
//   page.errors (console errors, page errors, failed requests)  page.screenshot(name)  page.close()
//
// Env: FIREFOX (default /usr/bin/firefox-esr), CHROMIUM (harness.mjs).
import puppeteer from 'puppeteer-core';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch as launchChromium, open, shotDir, timeoutMs } from './harness.mjs';

const firefoxPath = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

// An X server of our own on a display number it picks (-displayfd), gone when the test ends.
function startXvfb(width, height) {
  return new Promise((resolve, reject) => {
    const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'],
                    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    const stop = () => x.kill();
    process.once('exit', stop);
    let err = '';
    x.stderr.on('data', (d) => { err += d; });
    x.on('error', (e) => reject(new Error(`cannot start Xvfb (${e.message}): install xvfb (scripts/setup.sh does)`)));
    x.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before giving a display: ${err.trim()}`)));
    let out = '';
    x.stdio[3].on('data', (d) => {
      out += d;
      const m = out.match(/^(\d+)\n/);
      if (m) resolve({ display: `:${m[1]}`, close: () => { process.removeListener('exit', stop); x.kill(); } });
    });
  });
}

function collect(page, errors, on) {
  on('console', (msg) => { if (msg.type() === 'error') errors.push(`console error: ${msg.text()}`); });
  on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
}

// Waits for the module's first frame (or the page's own error message), then gradflow.ready.
async function settle(page) {
  await page.waitFor(() => window.Module && (window.Module.gradflowFirstFrame || window.Module.gradflowError), null, timeoutMs);
  const err = await page.evaluate(() => window.Module.gradflowError || null);
  if (err) throw new Error(`the page failed: ${err}`);
  await page.evaluate(() => window.gradflow.ready.then(() => true));
}

async function chromiumDriver({ width, height }) {
  const browser = await launchChromium({ viewport: { width, height } });
  return {
    name: 'chromium',
    async open(url, { wait = true } = {}) {
      const { page, errors } = await open(browser.context, url, { wait: false });
      const p = {
        raw: page, errors, mouse: page.mouse, keyboard: page.keyboard,
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitFor: (fn, arg, ms) => page.waitForFunction(fn, arg, { timeout: ms }),
        screenshot: (name) => page.screenshot({ path: path.join(shotDir, name) }),
        close: () => page.close(),
      };
      if (wait) {
        await settle(p);
        // harness.mjs: the progress reader's streamed download can be reported as aborted.
        for (let i = errors.length - 1; i >= 0; --i)
          if (/^request failed: .*gradflow\.wasm net::ERR_ABORTED$/.test(errors[i])) errors.splice(i, 1);
      }
      return p;
    },
    close: () => browser.close(),
  };
}

async function firefoxDriver({ width, height }) {
  if (!existsSync(firefoxPath))
    throw new Error(`${firefoxPath} is missing: install Debian's firefox-esr (scripts/setup.sh does) or set FIREFOX`);
  const x = await startXvfb(width + 200, height + 300);
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox', executablePath: firefoxPath, headless: false,
      env: { ...process.env, DISPLAY: x.display, MOZ_CRASHREPORTER_DISABLE: '1' },
      defaultViewport: { width, height }, args: [`--width=${width + 100}`, `--height=${height + 200}`],
      extraPrefsFirefox: {
        'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false, 'toolkit.telemetry.enabled': false,
        'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false, 'network.connectivity-service.enabled': false,
        'browser.region.network.url': '', 'extensions.getAddons.cache.enabled': false,
      },
      protocolTimeout: timeoutMs * 2,
    });
  } catch (err) {
    x.close();
    throw err;
  }
  return {
    name: 'firefox',
    async open(url, { wait = true } = {}) {
      const page = await browser.newPage();
      const errors = [];
      collect(page, errors, (ev, fn) => page.on(ev, fn));
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
      await page.bringToFront();   // a real window: keys go to the one in front
      // Puppeteer names the space bar ' ' where Playwright says 'Space'.
      const keyboard = { press: (key, o) => page.keyboard.press(key === 'Space' ? ' ' : key, o) };
      const p = {
        raw: page, errors, mouse: page.mouse, keyboard,
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        waitFor: (fn, arg, ms) => page.waitForFunction(fn, { timeout: ms, polling: 50 }, arg),
        screenshot: (name) => { mkdirSync(shotDir, { recursive: true }); return page.screenshot({ path: path.join(shotDir, name) }); },
        close: () => page.close(),
      };
      if (wait) await settle(p);
      return p;
    },
    async close() {
      try { await browser.close(); } finally { x.close(); }
    },
  };
}

export const drivers = { chromium: chromiumDriver, firefox: firefoxDriver };
