// Issue 8's pictures in the page: a map of every hidden neuron's activation inside its node, large
// on hover (not for the output), and "Load CSV file…" through the browser's file chooser — a good
// file becomes the data, a bad one is refused with its line number and the data kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch({ viewport: { width: 1280, height: 800 } }); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const centre = (b) => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
const layout = (page) => page.evaluate(() => window.gradflow.layout());

test('every hidden neuron shows its map; hovering one shows it large, hovering the output does not', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=spiral&autoplay=0');
  await page.waitForFunction(() => Object.keys(window.gradflow.layout().neuronMaps).length > 0, null, { timeout: 10000, polling: 100 });
  const cfg = await page.evaluate(() => window.gradflow.getConfig());
  const hidden = cfg.layers.slice(1, -1).reduce((a, b) => a + b, 0);
  let l = await layout(page);
  assert.equal(Object.keys(l.neuronMaps).length, hidden, `a map per hidden neuron (${Object.keys(l.neuronMaps)})`);
  for (const [node, m] of Object.entries(l.neuronMaps)) {
    const n = l.nodes[node];
    assert.ok(n, `${node} is a node`);
    assert.ok(m.box[0] >= n[0] - 0.5 && m.box[2] <= n[2] + 0.5, `${node}'s map lies in its disc`);
    assert.match(m.name, /^h/);
  }
  const first = Object.keys(l.neuronMaps)[0];
  await page.mouse.move(...centre(l.nodes[first]));
  await page.waitForFunction(() => window.gradflow.layout().neuronView !== null, null, { timeout: 5000, polling: 100 }).catch(() => {});
  l = await layout(page);
  assert.ok(l.neuronView, 'hovering a hidden neuron shows its map large');
  assert.equal(l.neuronView.node, first);
  assert.match(l.neuronView.text, /over the input plane/);
  assert.ok(l.neuronView.box[2] - l.neuronView.box[0] >= 160, `at least 160 px (${l.neuronView.box})`);
  await screenshot(page, 'neurons-hover.png');
  const output = Object.keys(l.nodes).find((k) => /^a_/.test(k) && !(k in l.neuronMaps) && k.startsWith(`a_${cfg.layers.length - 1}`));
  assert.ok(output, 'the output neuron is on the canvas');
  await page.mouse.move(...centre(l.nodes[output]));
  await page.waitForTimeout(300);
  assert.equal((await layout(page)).neuronView, null, 'the output neuron has no map to show');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Load CSV file… takes a good file as the data and refuses a bad one by its line, keeping the data', async () => {
  const { page, errors } = await open(browser.context, server.url + '?preset=spiral&autoplay=0');
  // Listen for file choosers from the start: Playwright turns on its interception when the first
  // listener is added, asynchronously, so a listener added with the click can miss the chooser.
  const choosers = [];
  page.on('filechooser', (chooser) => choosers.push(chooser));
  await page.waitForTimeout(300);
  // The CSV section is at the foot of the side panel: scroll it into view with the wheel, as a reader would.
  const visible = async (name) => {
    for (let i = 0; i < 20; ++i) {
      const b = (await layout(page)).buttons[name];
      if (b && b[1] >= 0 && b[3] <= 740) return b;
      await page.mouse.move(120, 400);
      await page.mouse.wheel(0, 240);
      await page.waitForTimeout(150);
    }
    return null;
  };
  const section = await visible('your data');
  assert.ok(section, 'the CSV section is drawn');
  await page.mouse.click(...centre(section));
  await page.waitForFunction(() => 'load csv file' in window.gradflow.layout().buttons, null, { timeout: 10000, polling: 100 }).catch(() => {});
  const press = async (name, text) => {
    const b = await visible('load csv file');
    assert.ok(b, 'the Load CSV file… button is drawn');
    const before = choosers.length;
    await page.mouse.click(...centre(b));
    for (let waited = 0; choosers.length === before && waited < 10000; waited += 100) await page.waitForTimeout(100);
    assert.equal(choosers.length, before + 1, 'the click opens one file chooser');
    const chooser = choosers[before];
    await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  };
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 40; ++i) rows.push(`${(i % 8) - 4},${Math.floor(i / 8) - 2},${i % 2 ? 1 : -1}`);
  await press('grid.csv', rows.join('\n') + '\n');
  await page.waitForFunction(() => (window.gradflow.layout().message || {}).text?.startsWith('Loaded'), null, { timeout: 10000, polling: 100 }).catch(() => {});
  // layout() reports the last drawn frame: the message is set at once, the points on the next frame.
  await page.waitForFunction(() => window.gradflow.layout().points.length === 40, null, { timeout: 10000, polling: 100 }).catch(() => {});
  let l = await layout(page);
  assert.deepEqual(l.message, { text: 'Loaded 40 rows from grid.csv.', error: false });
  const good = await page.evaluate(() => window.gradflow.getConfig());
  assert.ok(good.dataset.csv, 'the dataset is the file\'s CSV');
  assert.equal(l.points.length, 40);

  await press('bad.csv', 'x1,x2,label\n1,2,1\n3,four,-1\n');
  await page.waitForFunction(() => window.gradflow.layout().message?.error, null, { timeout: 10000, polling: 100 }).catch(() => {});
  l = await layout(page);
  assert.ok(l.message?.error, `refused (${JSON.stringify(l.message)})`);
  assert.match(l.message.text, /bad\.csv/);
  assert.match(l.message.text, /line 3/);
  assert.match(l.message.text, /The data you had stays/);
  assert.deepEqual(await page.evaluate(() => window.gradflow.getConfig()), good, 'nothing lost');
  assert.equal(l.points.length, 40);
  assert.deepEqual(errors, []);
  await page.close();
});
