// Browser end-to-end on the packaged .vsix (`npm run test:e2e`): installs it into code-server and
// drives VS Code in Chromium as a person would: open nginx.conf, find the squiggle, read the
// Problems panel, press Ctrl+. and pick the preferred fix, read the changed server.xml; then open a
// docker-compose repository and read how its upstream was linked; then fix a Spring Boot
// application's race in its application.yml.
// Screenshots go to out/screenshots/ (`--update-docs` also copies those the README shows to docs/images/).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ensureCodeServer, launchChromium, makeWorkspace, packageAndInstall, repoRoot, startCodeServer } from './codeServer';
import { layoutCases, writeLayoutCase, type LayoutCase } from '../support/realLayouts';

const shots = path.join(repoRoot, 'out', 'screenshots');
const steps: string[] = [];

function step(what: string): void {
  steps.push(what);
  console.log(`  ${what}`);
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`expected ${what}`);
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  await row.click();
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor();
}

/** Ctrl+G to `line:column` of the active editor, then Ctrl+.: the quick-fix menu, once it lists `title`. */
async function quickFixMenuAt(page: Page, position: string, title: string) {
  await page.locator('.editor-group-container.active .view-lines').click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(position);
  await page.keyboard.press('Enter');
  const menu = page.locator('.action-widget');
  // Asked before the language features of a just opened file settle, VS Code may answer "No code
  // actions available" once: ask again, as a user would.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    const listed = await menu
      .getByText(title)
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (listed) return menu;
    if (attempt === 4) throw new Error(`the quick-fix menu at ${position} never listed "${title}"`);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1_000);
  }
}

/** Walks the open quick-fix menu to `title` with the arrow keys (if the focus is elsewhere) and picks it. */
async function pickFix(page: Page, menu: ReturnType<Page['locator']>, title: string): Promise<void> {
  const focused = async () => (await menu.locator('.focused').allInnerTexts()).join(' ');
  for (let i = 0; i < 5 && !(await focused()).includes(title); i++) await page.keyboard.press('ArrowDown');
  check((await focused()).includes(title), `${title} focused in the menu`);
  await page.keyboard.press('Enter');
}

/** The text of the active editor, as rendered (only the visible lines, enough for these files). */
async function editorText(page: Page): Promise<string> {
  return page.locator('.editor-group-container.active .view-lines').innerText();
}

/** The chain view's webview: an iframe holding the page's own iframe. */
const chainViewFrame = (page: Page) => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

async function closeChainView(page: Page): Promise<void> {
  const viewTab = page.locator('.tab', { hasText: 'Timeout Chain: Chains' });
  await viewTab.hover();
  await viewTab.locator('.codicon-close').click();
  await viewTab.waitFor({ state: 'detached' });
}

/**
 * The hover inside the upstream block (off the squiggle, so the chain's hover alone): the verdict
 * first, the race picture as an image, and a link that opens the chain view.
 */
async function chainHover(page: Page): Promise<void> {
  const token = page.locator('.editor-group-container.active .view-line', { hasText: 'keepalive 32' }).getByText('keepalive');
  const box = await token.boundingBox();
  check(box, 'the keepalive line in nginx.conf');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover', { hasText: 'Races: Tomcat closes after 7s, nginx keeps 60s: POSTs may get 502' });
  await hover.waitFor({ timeout: 15_000 });
  const picture = hover.locator('img[src^="data:image/svg+xml"]');
  await picture.waitFor();
  check(
    await picture.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0),
    'the race picture drawn in the hover',
  );
  await page.screenshot({ path: path.join(shots, 'chain-hover.png') });
  step('the chain hover: the verdict first, the race picture');
  await hover.getByText('Show all chains').click();
  await chainViewFrame(page).locator('.tc-badge.tc-fails').waitFor({ timeout: 30_000 });
  step("the hover's link opened the chain view");
  await closeChainView(page);
  await openFile(page, 'nginx.conf');
}

/**
 * The chain view, opened from the status bar item: the chain with its verdict and race picture
 * (screenshots of both), then a click on the backend hop opens server.xml at the Connector.
 */
async function chainView(page: Page): Promise<void> {
  // Room for the view in its screenshot: no side bar, no panel (both back afterwards).
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+J');
  const item = page.locator('.statusbar-item', { hasText: 'Timeout Chain: 1 race' });
  await item.waitFor({ timeout: 15_000 });
  await item.click();
  const view = chainViewFrame(page);
  await view.locator('.tc-badge.tc-fails').waitFor({ timeout: 30_000 });
  const text = await view.locator('body').innerText();
  check(/upstream app_backend/.test(text) && /races: 502s likely/.test(text), `the chain in the view, got: ${text}`);
  check(
    /closes idle connections after 7s/.test(text) && /keeps idle connections 60s/.test(text),
    `both timeouts in the view, got: ${text}`,
  );
  await page.screenshot({ path: path.join(shots, 'chain-view.png') });
  await view
    .locator('figure.tc-race')
    .first()
    .screenshot({ path: path.join(shots, 'race-picture.png') });
  step('the status bar item opens the chain view: the chain, its verdict and the race picture');
  await view.locator('.tc-backend .tc-place', { hasText: 'tomcat/conf/server.xml' }).click();
  await page.locator('.tab.active[aria-label^="server.xml"]').waitFor({ timeout: 15_000 });
  const current = await page.locator('.editor-group-container.active .view-line', { hasText: 'connectionTimeout' }).count();
  check(current > 0, 'server.xml shown at its Connector');
  step('a click on the backend hop opened server.xml');
  await closeChainView(page);
  await page.keyboard.press('Control+B');
  await page.keyboard.press('Control+J');
}

/**
 * The published-port compose layout, its mounted upstream file named so that VS Code opens it in
 * nginx mode (its nginx*.conf pattern; a plain .conf is the Properties language's), where the hover is offered.
 */
function composeForEditor(): LayoutCase {
  const layout = layoutCases.find((c) => c.name.includes('host.docker.internal:8081'))!;
  const files = { ...layout.files };
  files['deploy/nginx-upstream.conf'] = files['deploy/upstream.conf'];
  delete files['deploy/upstream.conf'];
  files['docker-compose.yml'] = files['docker-compose.yml'].replace('./deploy/upstream.conf', './deploy/nginx-upstream.conf');
  return { ...layout, files };
}

/**
 * The compose repository: nginx.conf and the upstream file mounted into an nginx:stable image, the
 * upstream reaching the backend service through a published port set in .env. The race shows on
 * the mounted upstream file and on the backend's server.xml only (not on the Tomcat that merely
 * listens on 8081), and the hover says how the link was made and which nginx version was assumed.
 */
async function composeWorkspace(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  step('compose workspace loaded');
  await openFile(page, 'nginx-upstream.conf');
  const squiggle = page.locator('.editor-group-container.active .squiggly-warning').first();
  await squiggle.waitFor({ timeout: 60_000 });
  const box = await squiggle.boundingBox();
  check(box, 'the squiggle in nginx-upstream.conf');
  await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
  const hover = page.locator('.monaco-hover', { hasText: 'via compose service backend' });
  await hover.waitFor({ timeout: 15_000 });
  const hoverText = await hover.innerText();
  check(
    /nginx version: 1\.30, from nginx:stable-alpine/.test(hoverText) && /assumed/.test(hoverText),
    `the version in the hover, got: ${hoverText}`,
  );
  await page.screenshot({ path: path.join(shots, 'compose-hover.png') });
  step('hover on the mounted nginx-upstream.conf: linked via compose service backend, nginx 1.30 assumed from nginx:stable-alpine');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Shift+M');
  await page
    .locator('.markers-panel .monaco-list-row', { hasText: 'Tomcat closes idle connections after 7s' })
    .first()
    .waitFor({ timeout: 15_000 });
  const problems = await page.locator('.markers-panel').innerText();
  check(problems.includes('nginx-upstream.conf') && problems.includes('server.xml'), `both sides in the Problems panel, got: ${problems}`);
  check(!problems.includes('after 3s'), `nothing about the Tomcat no service publishes, got: ${problems}`);
  check(!/include file not found/.test(problems), `the mounted include read, got: ${problems}`);
  step('Problems panel: the race on nginx-upstream.conf and backend/conf/server.xml only');
}

/** A Spring Boot application behind nginx: the race underlined on the 5s in application.yml, fixed there. */
const springFiles: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    upstream shop {\n        server shop:8080;\n        keepalive 8;\n    }\n    server {\n        location / {\n            proxy_pass http://shop;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n    }\n}\n',
  'shop/pom.xml':
    '<project>\n  <parent>\n    <artifactId>spring-boot-starter-parent</artifactId>\n    <version>3.3.0</version>\n  </parent>\n  <dependencies>\n    <dependency>\n      <artifactId>spring-boot-starter-web</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n',
  'shop/src/main/resources/application.yml': 'server:\n  tomcat:\n    connection-timeout: 5s\n',
};

async function springWorkspace(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  step('Spring Boot workspace loaded');
  await openFile(page, 'application.yml');
  await page.locator('.editor-group-container.active .squiggly-warning').first().waitFor({ timeout: 60_000 });
  step('squiggle in application.yml');
  const preferredTitle = "Set server.tomcat.keep-alive-timeout to 90s (longer than nginx's 60s)";
  await pickFix(page, await quickFixMenuAt(page, '3:26', preferredTitle), preferredTitle);
  await page.locator('.editor-group-container.active .view-lines', { hasText: 'keep-alive-timeout: 90s' }).waitFor({ timeout: 15_000 });
  const yml = (await editorText(page)).replace(/\u00a0/g, ' ');
  check(/connection-timeout: 5s\s+keep-alive-timeout: 90s/.test(yml), `keep-alive-timeout beside connection-timeout, got: ${yml}`);
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').getByText('No problems have been detected in the workspace.').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(shots, 'spring-fixed.png') });
  step('Ctrl+. in application.yml added keep-alive-timeout: 90s under tomcat:, and the Problems panel is empty');
}

const nodeFiles: Record<string, string> = {
  'nginx/nginx.conf':
    'events {}\nhttp {\n    upstream api {\n        server api:3000;\n        keepalive 8;\n    }\n    server {\n        location / {\n            proxy_pass http://api;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";\n        }\n    }\n}\n',
  'api/package.json': '{\n  "name": "api",\n  "scripts": { "start": "node server.js" },\n  "dependencies": { "express": "^4.21.1" }\n}\n',
  'api/.nvmrc': '20\n',
  'api/server.js':
    "const express = require('express');\n\nconst app = express();\napp.post('/orders', (req, res) => res.status(201).end());\n\nconst server = app.listen(3000);\n",
};

/** A Node.js workspace: the race squiggled in server.js, and its preferred fix written there in JavaScript. */
async function nodeWorkspace(page: Page, url: string, folder: string): Promise<void> {
  await page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  step('Node.js workspace loaded');
  await openFile(page, 'server.js');
  await page.locator('.editor-group-container.active .squiggly-warning').first().waitFor({ timeout: 60_000 });
  step('squiggle in server.js');
  const preferredTitle = "Set server.keepAliveTimeout to 90000 ms (longer than nginx's 60s)";
  await pickFix(page, await quickFixMenuAt(page, '6:16', preferredTitle), preferredTitle);
  await page.locator('.editor-group-container.active .view-lines', { hasText: 'keepAliveTimeout' }).waitFor({ timeout: 15_000 });
  const js = (await editorText(page)).replace(/\u00a0/g, ' ');
  check(
    /const server = app\.listen\(3000\);\s+server\.keepAliveTimeout = 90000;/.test(js),
    `keepAliveTimeout set after listen, got: ${js}`,
  );
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').getByText('No problems have been detected in the workspace.').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: path.join(shots, 'node-fixed.png') });
  step('Ctrl+. in server.js set server.keepAliveTimeout = 90000 after listen, and the Problems panel is empty');
}

/** The extension's page, as the installed .vsix shows it: its name, its icon, the README's pictures and tables. */
async function extensionPage(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Extensions: Show Enabled Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Enabled Extensions' }).first().click();
  const item = page.locator('.extension-list-item', { hasText: 'Timeout Chain' }).first();
  await item.waitFor({ timeout: 15_000 });
  await item.click();
  await page.locator('.extension-editor .header .name', { hasText: 'Timeout Chain' }).waitFor({ timeout: 15_000 });
  const drawn = (img: unknown) => (img as { complete: boolean; naturalWidth: number }).naturalWidth > 0;
  const icon = page.locator('.extension-editor .header img.icon');
  check(await icon.evaluate(drawn), 'the icon shown');
  const readme = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  await readme.locator('table').first().waitFor({ timeout: 15_000 });
  const images = await readme
    .locator('img')
    .evaluateAll((imgs) =>
      imgs.map((i) => ({ src: i.getAttribute('src'), drawn: (i as unknown as { naturalWidth: number }).naturalWidth > 0 })),
    );
  await page.screenshot({ path: path.join(shots, 'extension-page.png') });
  check(images.length >= 4 && images.every((i) => i.drawn), `the README's pictures shown, got: ${JSON.stringify(images)}`);
  step(`the extension page: Timeout Chain, its icon, ${images.length} pictures and the tables`);
}

async function main(): Promise<void> {
  const binary = ensureCodeServer();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-e2e-'));
  const extensionsDir = path.join(scratch, 'extensions');
  const vsix = packageAndInstall(binary, scratch, extensionsDir);
  step(`packaged and installed ${path.basename(vsix)} (${fs.statSync(vsix).size} bytes)`);

  const workspace = makeWorkspace();
  // A second folder, opened after the first: a docker-compose repository (test/support/composeLayouts.ts).
  const compose = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-e2e-compose-'));
  writeLayoutCase(compose, composeForEditor());
  const spring = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-e2e-spring-'));
  for (const [name, text] of Object.entries(springFiles)) {
    fs.mkdirSync(path.dirname(path.join(spring, name)), { recursive: true });
    fs.writeFileSync(path.join(spring, name), text);
  }
  const node = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-e2e-node-'));
  for (const [name, text] of Object.entries(nodeFiles)) {
    fs.mkdirSync(path.dirname(path.join(node, name)), { recursive: true });
    fs.writeFileSync(path.join(node, name), text);
  }
  const server = await startCodeServer({ folder: workspace, extensionsDir });
  const browser = await launchChromium();
  fs.mkdirSync(shots, { recursive: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    step('workbench loaded');

    await openFile(page, 'nginx.conf');
    const squiggle = page.locator('.editor-group-container.active .squiggly-warning').first();
    await squiggle.waitFor({ timeout: 60_000 });
    const line = page.locator('.editor-group-container.active .view-line', { hasText: 'upstream app_backend' });
    // The editor may still be laying out when the decoration appears: poll until they line up.
    const onLine = async () => {
      const [squiggleBox, lineBox] = [await squiggle.boundingBox(), await line.boundingBox()];
      return squiggleBox && lineBox && Math.abs(squiggleBox.y + squiggleBox.height / 2 - (lineBox.y + lineBox.height / 2)) < lineBox.height
        ? squiggleBox
        : undefined;
    };
    let squiggleBox = await onLine();
    for (let i = 0; i < 40 && !squiggleBox; i++) squiggleBox = await new Promise((resolve) => setTimeout(resolve, 250)).then(onLine);
    check(squiggleBox, 'the squiggle on the `upstream app_backend` line');
    step('squiggle under `upstream app_backend` in nginx.conf');

    await page.mouse.move(squiggleBox.x + squiggleBox.width / 2, squiggleBox.y + squiggleBox.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'keepalive-race' });
    await hover.waitFor({ timeout: 15_000 });
    const hoverText = await hover.innerText();
    check(
      /Races: Tomcat closes after 7s, nginx keeps 60s: POSTs may get 502/.test(hoverText) &&
        /upstream app_backend keeps idle connections 60s/.test(hoverText),
      `the hover to explain the race, got: ${hoverText}`,
    );
    await page.screenshot({ path: path.join(shots, 'squiggle-hover.png') });
    step('hover explains the race');
    await page.keyboard.press('Escape');

    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'Tomcat closes idle connections after 7s, nginx keeps them 60s' }).first().waitFor({ timeout: 15_000 });
    const problems = await page.locator('.markers-panel').innerText();
    check(problems.includes('nginx.conf') && problems.includes('server.xml'), `both files in the Problems panel, got: ${problems}`);
    check(problems.includes('upstream app_backend keeps idle connections 60s, Tomcat closes them after 7s'), 'the Tomcat entry');
    await page.screenshot({ path: path.join(shots, 'problems-panel.png') });
    step('Problems panel lists both sides');

    await chainHover(page);
    await chainView(page);
    await openFile(page, 'nginx.conf');

    // Back in the editor, on the squiggle, with the keyboard: Ctrl+G to the line, Ctrl+. for fixes.
    const preferredTitle = "Set Tomcat keepAliveTimeout to 90000 ms (longer than nginx's 60s)";
    const menu = await quickFixMenuAt(page, '12:6', preferredTitle);
    check((await menu.innerText()).includes('Lower nginx upstream keepalive_timeout to 6s'), 'the lowering in the quick-fix menu');
    await page.screenshot({ path: path.join(shots, 'quick-fix-menu.png') });
    step('Ctrl+. offers both fixes');
    await pickFix(page, menu, preferredTitle);
    const picked = Date.now();
    step('picked the preferred fix');

    // The fix changed another file: it is shown, and a message names it and offers to save it.
    await page
      .locator('.notification-toast', { hasText: 'the fix changed tomcat/conf/server.xml (not saved yet)' })
      .waitFor({ timeout: 15_000 });
    await page.locator('.tab.active[aria-label^="server.xml"]').waitFor({ timeout: 15_000 });
    step('the fix showed server.xml and said it is not saved yet');
    await page.locator('.editor-group-container.active .view-lines', { hasText: 'keepAliveTimeout="90000"' }).waitFor({ timeout: 15_000 });
    const xml = await editorText(page);
    check(
      /connectionTimeout="7000"\s+keepAliveTimeout="90000"/.test(xml.replace(/\u00a0/g, ' ')),
      `server.xml to hold the new attribute after connectionTimeout, got: ${xml}`,
    );
    await page.locator('.markers-panel').getByText('No problems have been detected in the workspace.').waitFor({ timeout: 15_000 });
    // The fix is an unsaved edit: past the 1 s an auto-save would wait, the tab is still dirty and
    // the disk still has the old text, so the Problems panel follows the editor's text.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, picked + 1_500 - Date.now())));
    check((await page.locator('.tab.dirty[aria-label^="server.xml"]').count()) === 1, 'the server.xml tab to be dirty (unsaved)');
    check(
      !fs.readFileSync(path.join(workspace, 'tomcat', 'conf', 'server.xml'), 'utf8').includes('keepAliveTimeout'),
      'server.xml on disk to be unchanged',
    );
    await page.screenshot({ path: path.join(shots, 'fixed-server-xml.png') });
    step('server.xml has keepAliveTimeout="90000", unsaved (tab dirty, disk unchanged), and the Problems panel is empty');

    await composeWorkspace(page, server.url, compose);
    await springWorkspace(page, server.url, spring);
    await nodeWorkspace(page, server.url, node);
    await extensionPage(page);

    if (process.argv.includes('--update-docs')) {
      const images = path.join(repoRoot, 'docs', 'images');
      fs.mkdirSync(images, { recursive: true });
      // Only the pictures the README shows: they ship in the .vsix.
      const shown = [...fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8').matchAll(/\]\(docs\/images\/([\w-]+\.png)\)/g)].map(
        (m) => m[1],
      );
      for (const file of shown) fs.copyFileSync(path.join(shots, file), path.join(images, file));
    }
  } catch (error) {
    await browser
      .contexts()[0]
      ?.pages()[0]
      ?.screenshot({ path: path.join(shots, 'failure.png') })
      .catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(compose, { recursive: true, force: true });
    fs.rmSync(spring, { recursive: true, force: true });
    fs.rmSync(node, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  () => {
    console.log(`browser end-to-end on the .vsix: ${steps.length} steps passed; screenshots in ${path.relative(repoRoot, shots)}/`);
    process.exit(0);
  },
  (error: Error) => {
    console.error(`browser end-to-end failed after: ${steps.join('; ') || 'nothing'}\n${error.stack ?? error.message}`);
    process.exit(1);
  },
);
