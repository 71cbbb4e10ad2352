// The page at phone, tablet, embed and desktop sizes (issue 7, "Phone, tablet and embed sizes"):
// every node inside the canvas, no label over another, the network filling a phone's width with
// names ≥ 11 px, the numbers the current phase is about drawn at every embed size, a tap on the
// point nodePositions() gives for an edge selecting that edge, and on a phone the sheet opening
// with a tap and Share / Embed in reach. Taps and clicks are real touchscreen / mouse events.
// gradflow.layout() reports what the last frame drew (src/embed/api.hpp).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot } from './lib/harness.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.close());

const phones = [[360, 640], [390, 740]];
const sizes = [[360, 640, 'phone'], [390, 740, 'phone'], [768, 1024, 'tablet'], [640, 400, 'embed'],
  [760, 420, 'embed'], [800, 500, 'embed'], [1280, 800, 'desktop']];

const api = (page, method, ...args) => page.evaluate(([m, a]) => window.gradflow[m](...a), [method, args]);
// Two animation frames: whatever the last API call changed has been drawn.
const drawn = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const inside = (a, c) => a[0] >= c[0] - 0.5 && a[1] >= c[1] - 0.5 && a[2] <= c[2] + 0.5 && a[3] <= c[3] + 0.5;

async function openAt(w, h, kind, query = '') {
  const touch = kind === 'phone' || kind === 'tablet';
  const b = await launch({ viewport: { width: w, height: h }, hasTouch: touch, isMobile: touch });
  const url = server.url + '?preset=seed&autoplay=0' + (kind === 'embed' ? '&embed=1' : '') + query;
  const { page, errors } = await open(b.context, url);
  return { b, page, errors };
}

// Steps (API) into the phase that starts with `want` ("forward layer 2"), then three events on
// so it has revealed a few numbers; false when the story ends first.
async function stepTo(page, want) {
  return page.evaluate((want) => {
    const g = window.gradflow;
    g.seek(0);
    let last = -1;
    for (let i = 0; i < 200; ++i) {
      const s = g.step();
      if (s.phase.startsWith(want)) {
        for (let k = 0; k < 3 && g.getState().phase.startsWith(want); ++k) g.step();
        return true;
      }
      if (s.t === last) return false;
      last = s.t;
    }
    return false;
  }, want);
}

function checkPicture(lay, label) {
  const names = Object.keys(lay.nodes);
  assert.ok(names.length > 0, `${label}: nodes reported`);
  for (const n of names) assert.ok(inside(lay.nodes[n], lay.canvas), `${label}: ${n} ${lay.nodes[n]} inside the canvas ${lay.canvas}`);
  const boxes = lay.labels.filter((l) => l.box[2] > l.box[0]);
  for (let i = 0; i < boxes.length; ++i)
    for (let j = i + 1; j < boxes.length; ++j)
      assert.ok(!overlap(boxes[i].box, boxes[j].box),
                `${label}: "${boxes[i].text}" (${boxes[i].kind} of ${boxes[i].node}) and "${boxes[j].text}" (${boxes[j].kind} of ${boxes[j].node}) overlap`);
  for (const l of boxes) assert.ok(inside(l.box, lay.canvas), `${label}: "${l.text}" inside the canvas`);
  // The captions (the phase, the walked path) are whole and keep off every node ("Path 1 of 4" once
  // touched x_1 at 640x400 and ran past the canvas' right edge).
  const captions = boxes.filter((l) => l.kind === 'caption');
  for (const c of captions)
    for (const n of names)
      assert.ok(!overlap(c.box, lay.nodes[n]), `${label}: the caption "${c.text}" ${c.box} touches ${n} ${lay.nodes[n]}`);
  return captions;
}

for (const [w, h, kind] of sizes) {
  test(`${w}x${h} ${kind}: nodes inside, labels apart, the phase's numbers drawn`, async () => {
    const { b, page, errors } = await openAt(w, h, kind);
    try {
      if (kind === 'phone') {
        // The network's own extent, from the API that exists since nodePositions() came.
        const pos = await api(page, 'nodePositions');
        const xs = Object.entries(pos).filter(([n]) => !n.startsWith('w_')).map(([, p]) => p[0]);
        const span = Math.max(...xs) - Math.min(...xs);
        console.log(`  ${w}x${h}: node centres span ${span.toFixed(0)} px of ${w}`);
        assert.ok(span >= 0.7 * w * 0.85, `the network spans ${span.toFixed(0)} px of a ${w} px phone`);
      }
      for (const phase of ['forward', 'backward']) {
        assert.ok(await stepTo(page, phase + ' layer 2'), `the story reaches the ${phase} pass`);
        await drawn(page);
        const lay = await api(page, 'layout');
        assert.ok(lay && lay.canvas, 'gradflow.layout() answers');
        checkPicture(lay, `${w}x${h} ${phase}`);
        const want = phase === 'forward' ? 'value' : 'gradient';
        const shown = lay.labels.filter((l) => l.kind === want && l.node !== 'L');
        console.log(`  ${w}x${h} ${phase}: ${shown.length} ${want} labels, e.g. ${shown.slice(0, 3).map((l) => l.node + ' ' + l.text).join(' | ')}`);
        assert.ok(shown.length >= 2, `${w}x${h} ${phase}: the canvas shows node ${want}s (${shown.length} drawn)`);
        if (kind === 'phone') {
          const c = lay.canvas;
          const nb = Object.values(lay.nodes);
          const span = Math.max(...nb.map((n) => n[2])) - Math.min(...nb.map((n) => n[0]));
          assert.ok(c[2] - c[0] >= w - 10, `the canvas takes the phone's width (${c[2] - c[0]} of ${w})`);
          assert.ok(span >= 0.7 * (c[2] - c[0]), `the network spans ${span.toFixed(0)} px, ≥ 70 % of the canvas`);
          assert.ok(lay.namePx >= 11, `node names at ${lay.namePx} px, ≥ 11`);
        }
      }
      // A walk: the focused path's factors (∏) are on the canvas too, off the node names.
      await api(page, 'focus', 'w_111');
      await api(page, 'seek', 0);
      let lay = null;
      const phases = new Set();
      for (let i = 0; i < 120; ++i) {
        const s = await api(page, 'step');
        phases.add(s.phase);
        await drawn(page);
        lay = await api(page, 'layout');
        if (lay.labels.filter((l) => l.kind === 'product').length >= 2) break;
      }
      const captions = checkPicture(lay, `${w}x${h} walk`);
      assert.ok(captions.some((c) => /→ L$/.test(c.text)), `${w}x${h}: the walked path is captioned (${captions.map((c) => c.text)})`);
      const products = lay.labels.filter((l) => l.kind === 'product');
      console.log(`  ${w}x${h} walk: ${products.map((l) => l.text).join(' | ')}`);
      assert.ok(products.length >= 2, `${w}x${h}: the walk's products are drawn (${products.length}; phases ${[...phases].join(', ')})`);
      await screenshot(page, `layout-${w}x${h}.png`);
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });
}

for (const [w, h] of phones) {
  test(`${w}x${h}: a tap on the point nodePositions() gives for an edge selects that edge`, async () => {
    const { b, page, errors } = await openAt(w, h, 'phone');
    try {
      const pos = await api(page, 'nodePositions');
      const weights = Object.keys(pos).filter((n) => n.startsWith('w_'));
      assert.ok(weights.length >= 10, 'weights reported');
      const wrong = [];
      for (const name of weights) {
        await api(page, 'focus', null);
        await drawn(page);
        const [x, y] = pos[name];
        await page.touchscreen.tap(x, y);
        await page.waitForFunction(() => window.gradflow.getState().focus !== null, null, { timeout: 3000 }).catch(() => {});
        const got = (await api(page, 'getState')).focus;
        if (got !== name) wrong.push(`${name} → ${got}`);
      }
      console.log(`  ${w}x${h}: ${weights.length - wrong.length} of ${weights.length} taps selected their edge`);
      assert.deepEqual(wrong, [], 'every tap selects the edge it was aimed at');
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });
}

test('360x640: the sheet opens and closes with taps, Share and Embed are in reach', async () => {
  const { b, page, errors } = await openAt(360, 640, 'phone');
  try {
    const tapOn = async (name) => {
      const lay = await api(page, 'layout');
      const box = lay.buttons[name];
      assert.ok(box, `the ${name} button is drawn (buttons: ${Object.keys(lay.buttons).join(', ')})`);
      await page.touchscreen.tap((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
      await drawn(page);
      await page.waitForTimeout(100);
      return api(page, 'layout');
    };
    let lay = await api(page, 'layout');
    assert.equal(lay.compact, true, 'a phone gets the compact layout');
    assert.equal(lay.sheet, 'none', 'the sheet starts closed: the canvas has the screen');
    for (const name of ['Controls', 'Inspector', 'Share', 'Embed', 'Play', 'Next']) {
      const box = lay.buttons[name];
      assert.ok(box, `${name} is drawn`);
      assert.ok(box[0] >= 0 && box[2] <= 360 && box[1] >= 0 && box[3] <= 640, `${name} ${box} is on the screen`);
      assert.ok(box[3] - box[1] >= 40 && box[2] - box[0] >= 40, `${name} is a touch target (${box[2] - box[0]}×${box[3] - box[1]})`);
    }
    lay = await tapOn('Inspector');
    assert.equal(lay.sheet, 'inspector', 'a tap on Inspector opens the sheet on the inspector');
    assert.ok(lay.sheetRect[1] > 100 && lay.sheetRect[3] <= 640, `the sheet lies over the lower part (${lay.sheetRect})`);
    await screenshot(page, 'layout-360x640-sheet.png');
    lay = await tapOn('Close');
    assert.equal(lay.sheet, 'none', 'Close gives the canvas back');
    lay = await tapOn('Controls');
    assert.equal(lay.sheet, 'controls');
    lay = await tapOn('Controls');
    assert.equal(lay.sheet, 'none', 'the same button closes it again');
    lay = await tapOn('Share');
    assert.equal(lay.popup, 'share', 'Share opens its popup with the link');
    await page.touchscreen.tap(180, 300);   // outside the popup: it closes
    await drawn(page);
    lay = await tapOn('Embed');
    assert.equal(lay.popup, 'embed', 'Embed opens its popup with the snippet');
    await screenshot(page, 'layout-360x640-embed.png');
    assert.deepEqual(errors, []);
  } finally {
    await b.close();
  }
});

for (const [w, h] of [[760, 420], [640, 400], [1000, 600]]) {
  test(`${w}x${h}: the timeline's handle leaves its time text alone, "glow" and "contrast" are whole`, async () => {
    const { b, page, errors } = await openAt(w, h, 'desktop');
    try {
      // Drag the handle with the mouse to the far left, where the time text sat under it.
      let lay = await api(page, 'layout');
      const bar = lay.buttons.Timeline;
      assert.ok(bar, 'the timeline is drawn');
      await page.mouse.move(bar[0] + (bar[2] - bar[0]) * 0.5, (bar[1] + bar[3]) / 2);
      await page.mouse.down();
      await page.mouse.move(bar[0] + 2, (bar[1] + bar[3]) / 2, { steps: 5 });
      await page.mouse.up();
      await drawn(page);
      lay = await api(page, 'layout');
      const time = lay.buttons.Time;
      assert.ok(time, 'the time is written out');
      assert.ok(!overlap(time, lay.buttons.Timeline), `the time text ${time} is not under the slider ${lay.buttons.Timeline}`);
      for (const name of ['contrast', 'glow']) {
        const box = lay.buttons[name];
        if (!box) continue;   // glow is offered only with the GPU pass
        // The checkbox's label is part of its item box: whole when the box is on the screen.
        assert.ok(box[2] <= w, `"${name}" ends at ${box[2]}, inside the ${w} px page`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await b.close();
    }
  });
}
