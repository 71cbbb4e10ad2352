// One behaviour for every number field: a click edits, Enter or a click elsewhere applies, Escape
// restores, a refused text changes nothing and the field says why; a mouse move changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, serve, screenshot, webDir, controlBoxes, drawn } from './lib/harness.mjs';

let browser, server;
before(async () => { browser = await launch({ viewport: { width: 1280, height: 800 } }); server = await serve(webDir); });
after(async () => { await browser?.close(); server?.close(); });

const widgets = controlBoxes;
const centre = (r) => [r[0] + r[2] / 2, r[1] + r[3] / 2];
const x1 = async (page) => (await page.evaluate(() => window.gradflow.getConfig())).x[0];

async function field(page, name) {
  const w = await widgets(page);
  assert.ok(w[name], `the ${name} field is drawn (${Object.keys(w).join(', ')})`);
  return w[name];
}

test('x_1: a single click and typing edits, Enter applies, Escape restores, a drag changes nothing', async () => {
  const { page, errors } = await open(browser.context, server.url + '?autoplay=0');
  await page.waitForTimeout(300);
  const start = await x1(page);
  const r = await field(page, 'x_1');
  // A 30 px drag across the field once changed x_3 from 3 to 3.3.
  await page.mouse.move(...centre(r));
  await page.mouse.down();
  await page.mouse.move(centre(r)[0] + 30, centre(r)[1], { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(200);
  assert.equal(await x1(page), start, 'a drag does not change the value');
  // Each action is seen by a frame before the next (on a busy machine a frame can outlast a fixed
  // wait, and an Escape seen in the click's frame ends the edit that click began).
  await page.keyboard.press('Escape');
  await drawn(page);
  await page.mouse.click(...centre(r));
  await drawn(page);
  await page.keyboard.type('0.25', { delay: 30 });
  await drawn(page);
  assert.equal(await x1(page), start, 'nothing is applied while typing');
  await page.keyboard.press('Enter', { delay: 30 });
  await drawn(page);
  assert.equal(await x1(page), 0.25, 'Enter applies');
  await page.mouse.click(...centre(r));
  await drawn(page);
  await page.keyboard.type('7', { delay: 30 });
  await drawn(page);
  await page.keyboard.press('Escape', { delay: 30 });
  await drawn(page);
  assert.equal(await x1(page), 0.25, 'Escape restores the old value');
  assert.deepEqual(errors, []);
  await page.close();
});

test('1e400 and letters are refused whole: the value stays and the field says why', async () => {
  const { page } = await open(browser.context, server.url + '?autoplay=0');
  await page.waitForTimeout(300);
  const start = await x1(page);
  for (const typed of ['1e400', '2abc']) {
    const r = await field(page, 'x_1');
    await page.mouse.click(...centre(r));
    await page.waitForTimeout(150);
    await page.keyboard.type(typed, { delay: 30 });
    await page.waitForTimeout(100);
    assert.equal(await x1(page), start, `nothing applied while typing ${typed}`);
    await page.keyboard.press('Enter', { delay: 30 });
    await page.waitForTimeout(200);
    assert.equal(await x1(page), start, `${typed} changes nothing`);
    const said = Object.keys(await widgets(page)).find((k) => k.startsWith('message: ')) ?? '';
    assert.match(said, typed === '1e400' ? /x_1: "1e400" is too large/ : /x_1: "2abc" is not a number/);
  }
  await screenshot(page, 'fields-refused.png');
  await page.close();
});

test('the learning rate applies on leaving the field (a click elsewhere), not per keystroke', async () => {
  const { page } = await open(browser.context, server.url + '?autoplay=0');
  await page.waitForTimeout(300);
  const lr0 = (await page.evaluate(() => window.gradflow.getConfig())).learning_rate;
  const r = await field(page, 'learning rate');
  await page.mouse.click(...centre(r));
  await page.waitForTimeout(150);
  await page.keyboard.type('0.05', { delay: 30 });
  await page.waitForTimeout(100);
  assert.equal((await page.evaluate(() => window.gradflow.getConfig())).learning_rate, lr0, 'not per keystroke');
  await page.mouse.click(640, 500); // the canvas
  await page.waitForTimeout(200);
  assert.equal((await page.evaluate(() => window.gradflow.getConfig())).learning_rate, 0.05);
  await page.close();
});

test('the grip beside x_1 drags its value, in readable steps, and Shift drags finer', async () => {
  const { page, errors } = await open(browser.context, server.url + '?autoplay=0');
  await page.waitForTimeout(300);
  const start = await x1(page);
  const box = await field(page, 'x_1');
  const grip = await field(page, 'x_1 grip');
  assert.ok(grip[0] >= box[0] + box[2] && grip[0] - (box[0] + box[2]) < 10, `the grip ${grip} sits just right of the box ${box}`);
  const drag = async (dx, shift) => {
    const [x, y] = centre((await widgets(page))['x_1 grip']);
    if (shift) await page.keyboard.down('Shift');
    await page.mouse.move(x, y);
    await page.mouse.down();
    await drawn(page);
    // Ten steps, each seen by a frame: the drag adds up per-frame mouse moves, rounded to the
    // field's steps, so on a busy machine (fewer, longer frames) the same path could end elsewhere.
    for (let i = 1; i <= 10; ++i) {
      await page.mouse.move(x + (dx * i) / 10, y);
      await drawn(page, 1);
    }
    await page.mouse.up();
    if (shift) await page.keyboard.up('Shift');
    await drawn(page);
    return x1(page);
  };
  const right = await drag(40, false);
  assert.ok(right > start, `dragging right raised x_1 (${start} → ${right})`);
  assert.ok(/^-?\d+(\.\d{1,4})?$/.test(String(right)), `a number a person would type, not float noise (${right})`);
  const back = await drag(-40, false);
  assert.equal(back, start, 'dragging back as far returns to the start');
  const fine = await drag(40, true);
  assert.ok(fine > start && fine - start < (right - start) / 2, `Shift drags finer (${fine - start} vs ${right - start})`);
  await screenshot(page, 'fields-grip.png');
  assert.deepEqual(errors, []);
  await page.close();
});
