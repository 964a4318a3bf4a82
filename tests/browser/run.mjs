// Browser tests of the built site, in headless Debian Chromium driven by
// playwright-core. Run by scripts/test.sh (after `cargo test` built the
// binary): `node tests/browser/run.mjs` with DOSSIER_BIN set.
//
// Builds the sample dossier and a Russian fixture into a temp dir, serves
// them with a small static HTTP server, and checks, over HTTP and from
// file://: search (a word in four of the five sample articles; Cyrillic
// words in other grammatical forms), a footnote and its back link, the
// theme switch (and that it is remembered), previous/next through every
// article and back; no console errors anywhere. Also: a note preview on a
// touch screen; `dossier serve` reloading an open page after an edit and
// showing a build error in it. Over HTTP also: axe-core on
// the index, an article, an author page and the search results; and
// screenshots at phone and desktop width into target/screenshots/.
// Exits 1 on the first failed check, naming it.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = require.resolve('axe-core/axe.min.js');

const repo = resolve(new URL('../..', import.meta.url).pathname);
const bin = process.env.DOSSIER_BIN || join(repo, 'target/debug/dossier');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = join(repo, 'target/screenshots');

// The word of the sample corpus the search test looks for; it occurs in
// four of the five articles (the test checks that against the pages).
const SAMPLE_WORD = 'islands';

let failures = 0;
function check(ok, what) {
  if (ok) {
    console.log(`  ok   ${what}`);
  } else {
    console.log(`  FAIL ${what}`);
    failures += 1;
  }
}

function build(from, name, work) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const sub of ['book.toml', 'glossary.toml', 'corpus']) {
    if (existsSync(join(from, sub))) cpSync(join(from, sub), join(dir, sub), { recursive: true });
  }
  const run = spawnSync(bin, ['build', '-q', dir], { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`dossier build ${name} failed (${run.status}): ${run.stderr}`);
  }
  return join(dir, 'book/html');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain' };

// A static server over `dir`, like any static host: no directory listings,
// 404.html for what is missing.
function serve(dir) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    const found = file.startsWith(dir) && existsSync(file) && statSync(file).isFile();
    const body = readFileSync(found ? file : join(dir, '404.html'));
    res.writeHead(found ? 200 : 404, { 'Content-Type': TYPES[extname(found ? file : '.html')] || 'application/octet-stream' });
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// A page that records console errors and uncaught exceptions.
async function newPage(context, errors) {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return page;
}

function wordsOf(text) {
  return (text.match(/[\p{L}\p{N}]+/gu) || []).map((w) => w.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase());
}

async function search(page, base, query) {
  await page.goto(`${base}index.html`);
  await page.fill('#site-search', query);
  await Promise.all([page.waitForURL(/search\.html\?q=/), page.press('#site-search', 'Enter')]);
  await page.waitForSelector('#search-status:not(:empty)');
  return page.$$eval('.search-result', (items) => items.map((li) => ({
    href: li.querySelector('h2 a').getAttribute('href'),
    marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
  })));
}

async function siteChecks(context, base, label, sampleDir) {
  console.log(`sample site, ${label}`);
  const errors = [];
  const page = await newPage(context, errors);

  // The contents, in reading order.
  await page.goto(`${base}index.html`);
  const listed = await page.$$eval('.article-list .entry-title a', (as) => as.map((a) => a.getAttribute('href')));
  check(listed.length === 5, `the index lists the 5 articles (${listed.length})`);

  // Search: the pages that hold the word, by reading the pages themselves.
  const holding = listed.filter((href) => {
    const html = readFileSync(join(sampleDir, href), 'utf8');
    // The article's own text: not the editor's notes or the footer.
    const start = html.indexOf('<div class="article-body">');
    const body = html.slice(start, html.indexOf('\n  </div>', start));
    return wordsOf(body.replace(/<[^>]*>/g, ' ')).includes(SAMPLE_WORD);
  });
  check(holding.length === 4, `"${SAMPLE_WORD}" occurs in 4 of the 5 articles (${holding.length})`);
  const results = await search(page, base, SAMPLE_WORD);
  check(JSON.stringify(results.map((r) => r.href).sort()) === JSON.stringify([...holding].sort()),
    `search "${SAMPLE_WORD}" finds exactly those 4 (${results.map((r) => r.href)})`);
  check(results.every((r) => r.marks.some((m) => m.toLowerCase().startsWith('island'))),
    'every result has a highlighted snippet');
  const accented = await search(page, base, 'ÍSLANDS');
  check(accented.length === 4, `search ignores case and diacritics ("ÍSLANDS": ${accented.length})`);

  // Keyboard: the first Tab reaches the skip link, shown with a focus ring.
  await page.goto(`${base}${listed[0]}`);
  await page.keyboard.press('Tab');
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return { cls: el.className, outline: style.outlineStyle, onScreen: box.left >= 0 && box.width > 0 };
  });
  check(focus.cls === 'skip-link' && focus.outline !== 'none' && focus.onScreen,
    `the first Tab shows the skip link with a focus ring (${JSON.stringify(focus)})`);

  // A footnote and its back link.
  let noted = null;
  for (const href of listed) {
    await page.goto(`${base}${href}`);
    if (await page.$('a[role="doc-noteref"]')) { noted = href; break; }
  }
  check(noted !== null, 'an article has a note reference');
  if (noted) {
    const ref = page.locator('a[role="doc-noteref"]').first();
    const refId = await ref.getAttribute('id');
    const target = (await ref.getAttribute('href')).slice(1);
    await ref.hover();
    check(await page.isVisible('#note-card'), 'hovering a note reference shows the note');
    await ref.click();
    await page.waitForFunction((t) => location.hash === `#${t}`, target);
    check(await page.evaluate((t) => document.querySelector(':target')?.id === t, target), `the reference leads to #${target}`);
    await page.click(`[id="${target}"] a[role="doc-backlink"]`);
    await page.waitForFunction((r) => location.hash === `#${r}`, refId);
    check(await page.evaluate((r) => document.querySelector(':target')?.id === r, refId), `the note leads back to #${refId}`);
  }

  // The theme switch, remembered across pages.
  await page.goto(`${base}${listed[0]}`);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const before = await bg();
  const themeBefore = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  await page.click('#theme-toggle');
  const theme = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
  check(theme !== null && theme !== themeBefore && (await bg()) !== before, `the toggle switches the theme (to ${theme})`);
  await page.goto(`${base}index.html`);
  check(await page.evaluate(() => document.documentElement.getAttribute('data-theme')) === theme, 'the chosen theme is remembered on the next page');
  await page.click('#theme-toggle');

  // Previous / next through every article, then back.
  await page.goto(`${base}index.html`);
  // The click only starts the navigation: wait for it before reading the URL.
  await Promise.all([page.waitForURL((u) => !u.href.endsWith('index.html')), page.click('.article-list .entry-title a')]);
  const walked = [page.url().split('/').pop()];
  while (await page.$('.pager a[rel="next"]')) {
    await Promise.all([page.waitForURL((u) => !u.href.endsWith(walked[walked.length - 1])), page.click('.pager a[rel="next"]')]);
    walked.push(page.url().split('/').pop());
  }
  check(JSON.stringify(walked) === JSON.stringify(listed), `next walks every article in order (${walked.length})`);
  const back = [walked[walked.length - 1]];
  while (await page.$('.pager a[rel="prev"]')) {
    await Promise.all([page.waitForURL((u) => !u.href.endsWith(back[back.length - 1])), page.click('.pager a[rel="prev"]')]);
    back.push(page.url().split('/').pop());
  }
  check(JSON.stringify(back.reverse()) === JSON.stringify(listed), 'previous walks back to the first');

  // Every index page opens.
  for (const p of ['authors/index.html', 'sources/index.html', 'categories/index.html', 'timeline.html', 'print.html']) {
    const res = await page.goto(`${base}${p}`);
    check(res === null || res.ok(), `${p} opens`);
  }
  await page.goto(`${base}authors/index.html`);
  // As above: the click only starts the navigation (a race from file://).
  await Promise.all([page.waitForURL((u) => !u.href.endsWith('authors/index.html')), page.click('.group-list a')]);
  check((await page.$$('.article-list .entry')).length >= 1, 'an author page lists the author\'s articles');

  check(errors.length === 0, `no console errors${errors.length ? ':\n    ' + errors.join('\n    ') : ''}`);
  await page.close();
}

// On a touch screen a tap on a note reference shows the note in place.
async function touchChecks(browser, base) {
  console.log('touch screen, over HTTP');
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const errors = [];
  const page = await newPage(context, errors);
  await page.goto(`${base}index.html`);
  const listed = await page.$$eval('.article-list .entry-title a', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of listed) {
    await page.goto(`${base}${href}`);
    const ref = await page.$('a[role="doc-noteref"]');
    if (!ref) continue;
    await ref.scrollIntoViewIfNeeded();
    await ref.tap();
    await page.waitForSelector('#note-card:not([hidden])', { timeout: 5000 }).catch(() => {});
    check(await page.isVisible('#note-card'), 'a tap on a note reference shows the note');
    check(await page.evaluate(() => location.hash === ''), 'and stays in the text');
    break;
  }
  check(errors.length === 0, `no console errors${errors.length ? ':\n    ' + errors.join('\n    ') : ''}`);
  await context.close();
}

// `dossier serve`: an open page reloads itself after a corpus edit, and
// shows a build error in the page.
async function serveChecks(browser, work) {
  console.log('dossier serve, live reload');
  const dir = join(work, 'served');
  mkdirSync(dir, { recursive: true });
  for (const sub of ['book.toml', 'corpus']) cpSync(join(repo, 'tests/fixtures/minimal', sub), join(dir, sub), { recursive: true });
  const child = spawn(bin, ['serve', '--port', '0', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    const addr = await new Promise((ok, fail) => {
      let seen = '';
      const timer = setTimeout(() => fail(new Error(`serve printed no address: ${seen}`)), 60000);
      child.stderr.on('data', (chunk) => {
        seen += chunk;
        const m = seen.match(/serving (http:\/\/[^ ]+\/)/);
        if (m) { clearTimeout(timer); ok(m[1]); }
      });
    });
    const context = await browser.newContext();
    const errors = [];
    const page = await newPage(context, errors);
    await page.goto(`${addr}article.html`);
    const file = join(dir, 'corpus/article.txt');
    writeFileSync(file, readFileSync(file, 'utf8').replace('The second paragraph mentions', 'The second paragraph now names'));
    await page.waitForFunction(() => document.body.textContent.includes('The second paragraph now names'), null, { timeout: 60000 })
      .catch(() => {});
    check(await page.evaluate(() => document.body.textContent.includes('The second paragraph now names')),
      'the open page reloads with the edited text');
    writeFileSync(join(dir, 'book.toml'), '[book]\ntitel = "typo"\n');
    await page.waitForSelector('#dossier-build-error', { timeout: 60000 }).catch(() => {});
    check((await page.textContent('#dossier-build-error').catch(() => '')).includes('titel'), 'a build error shows in the page');
    check(errors.length === 0, `no console errors${errors.length ? ':\n    ' + errors.join('\n    ') : ''}`);
    await context.close();
  } finally {
    child.kill();
  }
}

async function russianChecks(context, base, label) {
  console.log(`Russian fixture, ${label}`);
  const errors = [];
  const page = await newPage(context, errors);
  // No stemmer: other forms are found by fuzzy matching (one letter off) and
  // by prefix; the text has "Москвы", "Москвой", "сотрудничество", "ждёт".
  for (const [query, form] of [['Москва', 'Москвы'], ['сотрудничества', 'сотрудничество'], ['ждет', 'ждёт']]) {
    const results = await search(page, base, query);
    check(results.length === 1 && results[0].marks.includes(form),
      `search "${query}" finds the article, marking "${form}" (${JSON.stringify(results)})`);
  }
  check(errors.length === 0, `no console errors${errors.length ? ':\n    ' + errors.join('\n    ') : ''}`);
  await page.close();
}

async function axeChecks(context, base) {
  console.log('axe-core, over HTTP');
  const errors = [];
  const page = await newPage(context, errors);
  await page.goto(`${base}index.html`);
  const article = await page.$eval('.article-list .entry-title a', (a) => a.getAttribute('href'));
  await page.goto(`${base}authors/index.html`);
  const author = 'authors/' + await page.$eval('.group-list a', (a) => a.getAttribute('href'));
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const annotations = ['glossary.html', 'glossary/g-kuril-islands.html', 'people.html', 'names/shinzo-abe.html', 'timeline.html', 'timeline/2018.html'];
    for (const path of ['index.html', article, author, `search.html?q=${SAMPLE_WORD}`, ...annotations]) {
      await page.goto(`${base}${path}`);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`));
      check(violations.length === 0, `axe: no violations on ${path}, ${scheme}${violations.length ? ':\n    ' + violations.join('\n    ') : ''}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  check(errors.length === 0, `no console errors${errors.length ? ':\n    ' + errors.join('\n    ') : ''}`);
  await page.close();
}

async function screenshots(browser, base) {
  console.log(`screenshots, into ${shots}`);
  mkdirSync(shots, { recursive: true });
  for (const [name, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme });
      const page = await context.newPage();
      await page.goto(`${base}index.html`);
      await page.screenshot({ path: join(shots, `index-${name}-${scheme}.png`) });
      const article = await page.$eval('.article-list .entry-title a', (a) => a.getAttribute('href'));
      await page.goto(`${base}${article}`);
      await page.screenshot({ path: join(shots, `article-${name}-${scheme}.png`) });
      await context.close();
    }
  }
  check(readdirSync(shots).filter((f) => f.endsWith('.png')).length >= 8, 'screenshots written');
}

const work = mkdtempSync(join(tmpdir(), 'dossier-browser-'));
let browser;
try {
  const sampleDir = build(repo, 'sample', work);
  const russianDir = build(join(repo, 'tests/fixtures/russian'), 'russian', work);
  const sampleServer = await serve(sampleDir);
  const russianServer = await serve(russianDir);
  const http = (s) => `http://127.0.0.1:${s.address().port}/`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  for (const [label, sampleBase, russianBase] of [
    ['over HTTP', http(sampleServer), http(russianServer)],
    ['from file://', pathToFileURL(sampleDir).href + '/', pathToFileURL(russianDir).href + '/'],
  ]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await siteChecks(context, sampleBase, label, sampleDir);
    await russianChecks(context, russianBase, label);
    await context.close();
  }
  await touchChecks(browser, http(sampleServer));
  await serveChecks(browser, work);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await axeChecks(context, http(sampleServer));
  await context.close();
  await screenshots(browser, http(sampleServer));
  sampleServer.close();
  russianServer.close();
} catch (e) {
  console.log(`  FAIL ${e.stack || e}`);
  failures += 1;
} finally {
  if (browser) await browser.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(failures ? `browser tests: ${failures} failed` : 'browser tests: all passed');
process.exit(failures ? 1 : 0);
