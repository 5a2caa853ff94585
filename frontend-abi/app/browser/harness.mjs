// What the browser test needs around the page: the built app served from dist/, headless
// Chromium, and steps that find things by their visible text, save a screenshot each, and fail
// with what the page showed (its errors, its console, a screenshot) rather than a bare timeout.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { build, preview } from 'vite';

const WAIT_MS = 60_000;

/** Builds the app (seconds) and serves dist/ on a free loopback port: { url, close }. */
export async function serveApp(root) {
  await build({ root, logLevel: 'warn' });
  const server = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: true } });
  return { url: server.resolvedUrls.local[0], close: () => server.close() };
}

/** Debian's chromium (or CHROMIUM_PATH), headless; as root it needs --no-sandbox. */
export function launchBrowser() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    defaultViewport: { width: 1280, height: 900 },
  });
}

export class Session {
  constructor(page, dir) {
    this.page = page;
    this.dir = dir;
    this.shots = 0;
    this.console = [];
    page.on('console', (m) => m.type() === 'error' && this.console.push(`${m.text()} ${m.location().url ?? ''}`));
    page.on('pageerror', (e) => this.console.push(e.message));
  }

  /** Runs `body`, then saves `<n>-<name>.png`; on failure explains what the page showed. */
  async step(name, body) {
    this.shots += 1;
    const file = join(this.dir, `${this.shots}-${name}.png`);
    await mkdir(this.dir, { recursive: true });
    try {
      const out = await body();
      await this.page.screenshot({ path: file });
      return { out, file };
    } catch (e) {
      const failed = file.replace(/\.png$/, '-failed.png');
      await this.page.screenshot({ path: failed }).catch(() => {});
      const shown = await this.page.$$eval('.error', (els) => els.map((el) => el.textContent)).catch(() => []);
      throw new Error([
        `step "${name}": ${e.message}`,
        `errors on the page: ${shown.length ? shown.join(' | ') : 'none'}`,
        `console errors: ${this.console.length ? this.console.join(' | ') : 'none'}`,
        `screenshot: ${failed}`,
      ].join('\n'), { cause: e });
    }
  }

  /** Waits until `fn(...args)` is truthy in the page; `what` says what was awaited. */
  async until(what, fn, ...args) {
    try {
      return await this.page.waitForFunction(fn, { timeout: WAIT_MS, polling: 250 }, ...args);
    } catch (e) {
      throw new Error(`no ${what} within ${WAIT_MS / 1000} s (${e.message})`);
    }
  }

  /** Waits until the page's text contains `text`. */
  untilText(text) {
    return this.until(`"${text}" on the page`, (t) => document.body.innerText.includes(t), text);
  }

  /** Clicks the enabled button or link named `name` (its visible text). */
  async click(name, role = 'button') {
    try {
      await this.page.locator(`::-p-aria([name="${name}"][role="${role}"])`).setTimeout(WAIT_MS).click();
    } catch (e) {
      throw new Error(`no enabled ${role} "${name}" within ${WAIT_MS / 1000} s (${e.message})`);
    }
  }

  /** Types into the field whose label, or else placeholder, starts with `label`. */
  async type(label, text) {
    const field = await this.until(`field "${label}"`, (l) =>
      [...document.querySelectorAll('input, textarea')].find((f) =>
        f.labels?.[0]?.textContent.trim().startsWith(l) || f.placeholder?.startsWith(l)), label);
    await field.asElement().type(text);
  }

  /** Picks the option whose text starts with `text`, in whichever list offers it. */
  async choose(text) {
    const select = (await this.until(`list offering "${text}"`, (t) =>
      [...document.querySelectorAll('select')].find((s) => [...s.options].some((o) => o.text.startsWith(t))), text)).asElement();
    const value = await select.evaluate((s, t) => [...s.options].find((o) => o.text.startsWith(t)).value, text);
    await select.select(value);
  }

  /**
   * Waits until the transaction just sent reaches `stage` ('in block' or 'finalised'); a
   * refusal or failure shown by its button fails at once with its text.
   */
  async untilTx(stage) {
    const seen = await this.until(`transaction ${stage}`, (s) => {
      const error = document.querySelector('.tx .error');
      if (error) return { error: error.textContent };
      const item = [...document.querySelectorAll('.tx .stages li')].find((li) => li.textContent === s);
      return item && /done|now/.test(item.className) && { ok: true };
    }, stage);
    const { error } = await seen.jsonValue();
    if (error) throw new Error(`the transaction failed: ${error}`);
  }
}
