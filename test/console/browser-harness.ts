// Real headless Chromium for the console's browser tests, with nothing downloaded at run time:
// the binary ships compressed inside the @sparticuz/chromium npm package, which unpacks it into
// the temp dir on first use. `useBrowser` launches one browser per test file (closed after the
// last test); `submit`/`follow` wait for the page a form or link leads to, and turn the console's
// error page into a failing test that says which AWS error it showed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import chromium from '@sparticuz/chromium';
import { launch, type Browser, type HTTPResponse, type Page } from 'puppeteer-core';

/** A host name Chromium resolves to 127.0.0.1 (a --host-resolver-rules entry): a site that is neither loopback nor the console's. */
export const FOREIGN_HOST = 'attacker.example';

/**
 * chromium.args is made for AWS Lambda: it turns the same-origin policy off (and lets http
 * content into https pages). The console's defences are tested with a browser that keeps them.
 */
const WEAKENING_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content', '--disable-site-isolation-trials']);

/** Off the network: no background fetches to Google's services (the machine may have no internet at all). */
const QUIET_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox'];

async function launchChromium(): Promise<Browser> {
  try {
    return await launch({
      executablePath: await chromium.executablePath(),
      // The package ships chrome-headless-shell, whose headless mode puppeteer calls 'shell'.
      headless: 'shell',
      args: [...chromium.args.filter((arg) => !WEAKENING_ARGS.has(arg)), ...QUIET_ARGS, `--host-resolver-rules=MAP ${FOREIGN_HOST} 127.0.0.1`],
      defaultViewport: { width: 1280, height: 800 },
    });
  } catch (err) {
    throw new Error(`headless Chromium (from the @sparticuz/chromium package, unpacked into the temp dir) could not launch: ${(err as Error).message}`, { cause: err });
  }
}

/** Registers the hooks that launch the file's browser and close it; the handle gives each test a fresh page. */
export function useBrowser(): { page(): Promise<Page> } {
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });
  afterAll(() => browser?.close());
  return {
    async page() {
      if (!browser) throw new Error('useBrowser: no browser; it launches in beforeAll, and that must have succeeded');
      const page = await browser.newPage();
      pages.push(page);
      return page;
    },
  };
}

/** Fails with the console's error banner (AWS's error name and message) if the page shows one, or with the status if it is not 200. */
async function expectPage(page: Page, response: HTTPResponse | null, what: string): Promise<void> {
  const error = await page.$eval('[data-test="aws-error"]', (el) => el.textContent).catch(() => undefined);
  if (error) throw new Error(`${what}: the console shows an AWS error: ${error.trim()}`);
  const status = response?.status();
  if (status !== 200) throw new Error(`${what}: status ${status} at ${page.url()}: ${(await response?.text())?.slice(0, 300)}`);
}

/** Opens a console URL and checks it answered with a page. */
export async function open(page: Page, url: string): Promise<void> {
  await expectPage(page, await page.goto(url), `GET ${url}`);
}

/** Clicks `selector` (a link or a submit button) and waits for the page it leads to (after a form's redirect). */
export async function follow(page: Page, selector: string): Promise<void> {
  const target = await page.waitForSelector(selector);
  const [response] = await Promise.all([page.waitForNavigation(), target!.click()]);
  await expectPage(page, response, `click ${selector}`);
}

/** Fills the named fields of the form of `button` (a selector of a submit button), then submits the form with that button. */
export async function submit(page: Page, button: string, fields: Record<string, string> = {}): Promise<void> {
  const target = await page.waitForSelector(button);
  for (const [name, value] of Object.entries(fields)) {
    // Set as a value, not typed: a select takes only its options' values, which this checks.
    const set = await target!.evaluate(
      (el, n, v) => {
        const field = (el as unknown as { form: { elements: { namedItem(name: string): { value: string } | null } } }).form.elements.namedItem(n);
        if (field) field.value = v;
        return field?.value;
      },
      name,
      value,
    );
    if (set !== value) throw new Error(`the form of ${button} has no field '${name}' that takes the value '${value}'`);
  }
  await follow(page, button);
}

/** A page's text content of `selector`, trimmed. */
export const textOf = (page: Page, selector: string): Promise<string> => page.$eval(selector, (el) => (el.textContent ?? '').trim());

/** A web site of its own, on another port of this machine: it serves `body` (a whole HTML page) at `/`. */
export async function foreignSite(body: () => string): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
