// Opens every HTML page and SVG map that vtd wrote into $VTD_BROWSER_PAGES (run.sh generates
// them from the bundled specs) in headless Debian Chromium and checks what a reader would see:
// no console errors, no network requests, windows drawn in address order, no overlapping
// labels, links from findings that land on the map, and a screenshot that is not blank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

const folder = process.env.VTD_BROWSER_PAGES;
assert.ok(folder && fs.existsSync(folder), 'VTD_BROWSER_PAGES must name the folder of generated pages (run tests/browser/run.sh)');
const files = fs.readdirSync(folder).filter((f) => f.endsWith('.html') || f.endsWith('.svg')).sort();
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

let context;
let profile;

before(async () => {
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vtd-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

test('the generated pages are there', () => {
  assert.ok(files.filter((f) => f.endsWith('.html')).length >= 6, `expected an HTML review per bundled spec in ${folder}, found ${files.join(', ')}`);
  assert.ok(files.filter((f) => f.endsWith('.svg')).length >= 6, `expected an SVG map per bundled spec in ${folder}`);
});

/** Geometry of the map(s) on the page, measured by the browser itself. */
function measure() {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
  };
  const maps = [...document.querySelectorAll('svg.vtd-map')].map((svg) => ({
    windows: [...svg.querySelectorAll('g.window')].map((g) => ({
      id: g.id,
      domain: g.dataset.domain,
      first: g.dataset.hostFirst,
      last: g.dataset.hostLast,
      passthrough: g.classList.contains('passthrough'),
      removed: g.dataset.change === 'removed',
      bar: box(g.querySelectorAll('rect.bar')[g.querySelectorAll('rect.bar').length - 1]),
    })),
    regions: [...svg.querySelectorAll('g.region')].map((g) => ({ name: g.dataset.name, first: g.dataset.hostFirst, last: g.dataset.hostLast, band: box(g.querySelector('rect')) })),
    labels: [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: box(t) })),
  }));
  const links = [...document.querySelectorAll('a[href^="#"]')].map((a) => ({ href: a.getAttribute('href'), found: document.getElementById(a.getAttribute('href').slice(1)) !== null }));
  return { maps, links };
}

const tolerance = 0.5;
const overlap = (a, b) => a.left < b.right - tolerance && b.left < a.right - tolerance && a.top < b.bottom - tolerance && b.top < a.bottom - tolerance;

for (const file of files) {
  test(`${file}: opens cleanly and draws the map legibly`, async () => {
    const page = await context.newPage();
    const problems = [];
    const requests = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    const url = pathToFileURL(path.join(folder, file)).href;
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    try {
      const response = await page.goto(url, { waitUntil: 'load' });
      assert.ok(response === null || response.ok(), `${file} did not load`);
      await page.evaluate(() => document.fonts.ready);

      const { maps, links } = await page.evaluate(measure);
      assert.deepEqual(problems, [], `console errors or failed requests on ${file}`);
      assert.deepEqual(requests, [], `${file} made network requests`);
      assert.ok(maps.length >= 1, `${file} has no map`);

      for (const map of maps) {
        assert.ok(map.windows.length >= 1, `${file}: a map without windows`);
        // Windows and regions follow address order on the host axis, as the browser lays them out.
        const spans = [
          ...map.windows.filter((w) => !w.passthrough).map((w) => ({ what: w.id, first: BigInt(w.first), last: BigInt(w.last), box: w.bar })),
          ...map.regions.map((r) => ({ what: `region ${r.name}`, first: BigInt(r.first), last: BigInt(r.last), box: r.band })),
        ];
        for (const a of spans) {
          assert.ok(a.box.width > 0, `${file}: ${a.what} is not visible`);
          for (const b of spans) {
            if (a.first < b.first) assert.ok(a.box.left < b.box.left, `${file}: ${a.what} starts at a lower address than ${b.what} but is drawn at ${a.box.left} >= ${b.box.left}`);
            if (a.last < b.first) assert.ok(a.box.right <= b.box.left + tolerance, `${file}: ${a.what} ends below ${b.what} but is drawn past its start`);
          }
        }
        // No two labels overlap, measured with the font the browser really used.
        for (let i = 0; i < map.labels.length; i++) {
          for (let j = i + 1; j < map.labels.length; j++) {
            const a = map.labels[i];
            const b = map.labels[j];
            assert.ok(!overlap(a.box, b.box), `${file}: label "${a.text}" ${JSON.stringify(a.box)} overlaps "${b.text}" ${JSON.stringify(b.box)}`);
          }
        }
      }
      for (const link of links) assert.ok(link.found, `${file}: link ${link.href} leads nowhere`);

      // The screenshot is a picture, not a blank page.
      // (A full-page screenshot of a bare SVG document never settles in Chromium: take the viewport.)
      const png = PNG.sync.read(await page.screenshot({ fullPage: file.endsWith('.html') }));
      const colours = new Set();
      for (let i = 0; i < png.data.length; i += 4) colours.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
      assert.ok(colours.size >= 16, `${file}: the screenshot has only ${colours.size} colours`);
    } finally {
      await page.close();
    }
  });
}

test('a finding links to the window it is about', async () => {
  const file = files.find((f) => f === 'multi-unit-server.html');
  assert.ok(file, 'multi-unit-server.html (a spec with warnings) was generated');
  const page = await context.newPage();
  try {
    await page.goto(pathToFileURL(path.join(folder, file)).href);
    const link = page.locator('table.findings a').first();
    const href = await link.getAttribute('href');
    await link.click();
    const target = await page.evaluate(() => {
      const element = document.querySelector(':target');
      return element ? { id: element.id, cls: element.getAttribute('class') } : null;
    });
    assert.ok(target && `#${target.id}` === href && /window|region/.test(target.cls), `clicking ${href} selects ${JSON.stringify(target)}`);
  } finally {
    await page.close();
  }
});
