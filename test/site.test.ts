// `modelreg site`: the registry page of several registries, built by the CLI from local bare
// remotes and opened from file:// in a real browser (Debian's chromium, driven by playwright-core).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { TestRepo, cleanTemps, rawDate, tempDir } from './helpers/repo.js';
import { servedRegistry, type ServedRegistry } from './helpers/registries.js';

afterAll(cleanTemps);

/** Where the screenshot is kept after the run (ignored by git, like the test reports). */
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '.vitest', 'artifacts');
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
// Without it the describe below is skipped, its title saying why (as pre-commit.test.ts does).
const NO_BROWSER = 'no chromium found (apt-get install chromium, or set CHROMIUM_PATH): the browser checks are skipped';

const XSS_DESC = '<script>window.__xss = 1</script>"><img src=x onerror="window.__xss = 2">';

let churn: ServedRegistry;
let vision: ServedRegistry;
let user: TestRepo;
let out: string;

function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else found.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return found;
}

beforeAll(() => {
  const dvc = [
    'artifacts:',
    '  churn:',
    '    path: churn.pkl',
    '    type: model',
    `    desc: '${XSS_DESC.replace(/'/g, "''")}'`,
    '    labels: [tabular]',
    '    meta:',
    '      owner: ml-team',
    '      license: apache-2.0',
    '  legacy:',
    '    path: churn.pkl',
    '',
  ].join('\n');
  churn = servedRegistry('churn', { 'dvc.yaml': dvc, 'churn.pkl': 'w\n' }, ['churn@v1.0.0', 'churn#staging', 'legacy@v0.1.0']);
  const later = rawDate('2025-03-01T10:30:00Z');
  churn.work.commit('churn.pkl', 'w2\n', 'Better features\n\nModel: churn\nModel-Metric: auc=0.91\n', later);
  churn.work.git(['tag', '-a', '-m', 'Registering artifact churn version v1.1.0', 'churn@v1.1.0'], later);
  churn.work.git(['tag', '-a', '-m', `Deprecating ${XSS_DESC}`, 'legacy@deprecated'], later);
  churn.work.git(['push', '-q', 'origin', 'main', '--tags']);
  churn.tag('churn#prod', 40);
  vision = servedRegistry('vision', { 'dvc.yaml': 'artifacts:\n  resnet:\n    path: r.pt\n    labels: [vision]\n', 'r.pt': 'w\n' }, ['resnet@v2.0.0', 'resnet#staging'], 10);
  user = TestRepo.init();
  user.commit('README.md', 'models\n', 'Start');
  out = join(tempDir(), 'site');
  const r = user.modelreg(['site', '-r', churn.url, '-r', vision.url, '-o', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Wrote 6 files to .*site\/ \(open .*index\.html\)\n$/);
});

describe('modelreg site', () => {
  it('writes the same bytes every time, with no build time unless asked', () => {
    const again = join(tempDir(), 'again');
    expect(user.modelreg(['site', '-r', churn.url, '-r', vision.url, '-o', again]).code).toBe(0);
    expect(files(again)).toEqual(files(out));
    const stamped = join(tempDir(), 'stamped');
    expect(user.modelreg(['site', '-r', churn.url, '-r', vision.url, '-o', stamped, '--timestamp']).code).toBe(0);
    expect(readFileSync(join(stamped, 'index.html'), 'utf8')).toMatch(/<footer>Made by modelreg from 2 registries on \d{4}-\d{2}-\d{2}T/);
  });

  it('the escaped payloads are in the HTML as text', () => {
    const page = readFileSync(join(out, 'models', 'churn', 'churn.html'), 'utf8');
    expect(page).toContain('&lt;script&gt;window.__xss = 1&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=&quot;window.__xss = 2&quot;&gt;');
  });
});

describe.skipIf(!CHROMIUM)(`the page in a real browser${CHROMIUM ? '' : ` (skipped: ${NO_BROWSER})`}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM as string, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Open a file of the site, recording console errors, page errors and any request that leaves the site. */
  async function open(path: string) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(pathToFileURL(out).href)) problems.push(`request outside the site: ${r.url()}`);
    });
    await page.goto(pathToFileURL(join(out, path)).href);
    return { page, problems };
  }

  it('loads from file:// with no console error, shows the holders, filters, hides deprecated models, keeps payloads as text', async () => {
    const { page, problems } = await open('index.html');
    const visibleRows = () =>
      page.$$eval('#matrix tbody tr', (rows) => rows.filter((r) => !r.hasAttribute('hidden')).map((r) => [...r.querySelectorAll('td')].map((td) => (td.querySelector('a') ?? td).textContent)));
    expect(await page.$$eval('#matrix thead th', (ths) => ths.map((th) => th.textContent))).toEqual(['repo', 'model', 'latest', '#prod', '#staging']);
    const rows = await visibleRows();
    expect(rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ['churn', 'v1.1.0', 'v1.1.0', 'v1.0.0'],
      ['vision', 'v2.0.0', '–', 'v2.0.0'],
    ]);
    // The payload is shown as the text it is, and ran nowhere.
    expect(await page.textContent('#matrix .desc')).toBe(XSS_DESC);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: join(ARTIFACTS, 'site.png'), fullPage: true });

    await page.fill('#filter', 'vision');
    expect((await visibleRows()).map((r) => r[1])).toEqual(['resnet']);
    await page.fill('#filter', 'prod');
    expect((await visibleRows()).map((r) => r[1])).toEqual(['churn']);
    await page.fill('#filter', 'stage:staging');
    expect((await visibleRows()).map((r) => r[1])).toEqual(['churn', 'resnet']);
    await page.fill('#filter', 'stage:staging label:vision');
    expect((await visibleRows()).map((r) => r[1])).toEqual(['resnet']);
    await page.fill('#filter', 'tabular');
    expect((await visibleRows()).map((r) => r[1])).toEqual(['churn']);
    await page.fill('#filter', 'nothing-like-this');
    expect(await visibleRows()).toEqual([]);
    expect(await page.isVisible('#empty')).toBe(true);

    await page.fill('#filter', '');
    expect((await visibleRows()).map((r) => r[1])).toEqual(['churn', 'resnet']);
    await page.check('#show-deprecated');
    expect((await visibleRows()).map((r) => r[1])).toEqual(['churn', 'legacy', 'resnet']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a model page: card, stage timeline, versions with metrics; payloads as text', async () => {
    const { page, problems } = await open('models/churn/churn.html');
    expect(await page.textContent('h1')).toBe('churn');
    expect(await page.$$eval('dl.card > dt', (dts) => dts.map((d) => d.textContent))).toEqual(['description', 'type', 'path', 'labels', 'license', 'owner']);
    expect(await page.textContent('dl.card > dd')).toBe(XSS_DESC);
    const timeline = await page.$$eval('table.timeline tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(2, 4).map((td) => td.textContent)));
    expect(timeline).toEqual([
      ['assigned prod', 'v1.1.0'],
      ['assigned staging', 'v1.0.0'],
    ]);
    expect(await page.textContent('table.versions')).toContain('auc=0.91');
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: join(ARTIFACTS, 'site-model.png'), fullPage: true });
    await page.click('text=← all models');
    expect(page.url()).toBe(pathToFileURL(join(out, 'index.html')).href);
    expect(problems).toEqual([]);
    await page.close();
  });
});

mkdirSync(ARTIFACTS, { recursive: true });
