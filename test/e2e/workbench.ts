// Drives a real VS Code workbench (code-server) in Debian's headless Chromium the way a person does:
// activity bar, tree rows, quick open, Problems panel, command palette, hovers and notifications.
// Selectors are the ones verified on VS Code 1.139 (shared/reference/vscode-e2e.md §4).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadChromium, type BrowserContext, type Locator, type Page } from './playwright';

// Shared with the extension-host runner (scripts/vscode-e2e/run-ext-tests.js); read from the repo
// root, which is three levels above this file once compiled to out-integration/test/e2e/.
const CHROMIUM_ARGS = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '..', '..', '..', 'scripts', 'vscode-e2e', 'chromium-args.json'),
    'utf8',
  ),
) as string[];

/** Where the run's server, workspace and screenshots are; e2e.sh sets these. */
export const e2eEnv = {
  base: (process.env.CS_BASE ?? 'http://127.0.0.1:8765').replace(/\/+$/, ''),
  workspace: path.resolve(
    process.env.E2E_WORKSPACE ?? path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'e2e-ws'),
  ),
  screens: process.env.E2E_SCREENS ?? path.join(os.tmpdir(), 'knd-e2e-screens'),
  kubeconfig: process.env.KUBECONFIG ?? '',
};

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  /** Launches Chromium and waits until the workbench shows the workspace's files. */
  static async open(firstFileInExplorer = 'kubelet.log'): Promise<Workbench> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'knd-e2e-chromium-'));
    const context = await loadChromium().launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    fs.mkdirSync(e2eEnv.screens, { recursive: true });
    const consoleLog = fs.createWriteStream(path.join(e2eEnv.screens, 'browser-console.log'), { flags: 'a' });
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    const wb = new Workbench(page, context, profile);
    await page.goto(`${e2eEnv.base}/?folder=${encodeURIComponent(e2eEnv.workspace)}`);
    // The first, cold load on a machine takes ~20 s; later ones 3-5 s.
    await wb.see('.monaco-workbench', undefined, 60_000);
    await wb.see('.explorer-folders-view .monaco-list-row', firstFileInExplorer, 60_000);
    return wb;
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
    fs.rmSync(this.profile, { recursive: true, force: true });
  }

  locate(selector: string, text?: string | RegExp): Locator {
    return this.page.locator(selector, text === undefined ? {} : { hasText: text }).first();
  }

  /** Waits until an element matching selector (and containing text) is visible. */
  async see(selector: string, text?: string | RegExp, timeout = 20_000): Promise<Locator> {
    const target = this.locate(selector, text);
    await target.waitFor({ timeout });
    return target;
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(e2eEnv.screens, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Clicks a view container's activity-bar icon (by its title). */
  async openViewContainer(title: string): Promise<void> {
    const tab = this.page
      .locator(
        `.activitybar [role="tab"][aria-label^="${title}"], .activitybar .action-item a[aria-label^="${title}"]`,
      )
      .first();
    await tab.waitFor({ timeout: 30_000 });
    await tab.click();
  }

  /** Drags the side bar's sash so tree descriptions are readable in screenshots. */
  async widenSideBar(toX = 760): Promise<void> {
    const sash = await this.see('.monaco-sash.vertical.primary-sidebar-sash', undefined, 10_000);
    const box = await sash.evaluate((el) => {
      const r = (
        el as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }
      ).getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, undefined);
    await this.page.mouse.move(box.x, box.y);
    await this.page.mouse.down();
    await this.page.mouse.move(toX, box.y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Opens a workspace file from the Explorer view (no file search: fast even on a busy machine). */
  async openFromExplorer(fileName: string): Promise<void> {
    const tab = this.locate('.tab', fileName);
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+Shift+E');
      const row = await this.see('.explorer-folders-view .monaco-list-row', fileName, 20_000);
      await row.click();
      try {
        await tab.waitFor({ timeout: 15_000 });
        return;
      } catch (error) {
        if (attempt === 3) {
          throw error;
        }
      }
    }
  }

  /** F1, type the title, click the matching palette row. */
  async runCommand(title: string, timeout = 30_000): Promise<void> {
    // Commands of lazily started contributions (extensions view, our manifest) can be missing from
    // the palette for a moment after the workbench shows; reopen the palette until the row appears.
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.page.keyboard.press('F1');
      const input = await this.see('.quick-input-widget input', undefined, 10_000);
      await input.fill(`>${title}`);
      const row = this.locate('.quick-input-list .monaco-list-row', title);
      try {
        await row.waitFor({ timeout: Math.min(5_000, Math.max(1, deadline - Date.now())) });
        await row.click();
        return;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (Date.now() >= deadline) {
          throw error;
        }
      }
    }
  }

  /**
   * Opens the Problems panel (Ctrl+Shift+M), optionally types filter into its filter box (the list
   * is virtualised: rows scrolled out of view are not in the DOM), and waits for a row with text.
   */
  async problem(text: string | RegExp, filter?: string): Promise<Locator> {
    await this.page.keyboard.press('Control+Shift+M');
    await this.see('.markers-panel', undefined, 10_000);
    if (filter !== undefined) {
      const box = await this.see(
        '.panel .viewpane-filter input, .panel input[placeholder^="Filter"]',
        undefined,
        10_000,
      );
      await box.fill(filter);
    }
    return this.see('.markers-panel .monaco-list-row', text, 30_000);
  }

  /** Moves the mouse over the editor text and waits for the hover widget to show text. */
  async hoverEditorText(onText: string, expected: string | RegExp): Promise<Locator> {
    const span = await this.see('.view-lines .view-line span > span', onText);
    await span.hover();
    return this.see('.monaco-hover', expected, 15_000);
  }

  /**
   * Picks items in an open quick pick: types each label into the filter, ticks the matching row
   * (multi-select pickers) or selects it, then accepts with Enter.
   */
  async pick(labels: readonly string[], multi: boolean): Promise<void> {
    const input = await this.see('.quick-input-widget input', undefined, 20_000);
    for (const label of labels) {
      await input.fill(label);
      const row = await this.see('.quick-input-list .monaco-list-row', label, 20_000);
      if (multi) {
        await row
          .locator('.quick-input-list-checkbox, input[type="checkbox"], .monaco-checkbox')
          .first()
          .click();
      } else {
        await row.click();
      }
    }
    if (multi) {
      await input.fill('');
      await this.page.keyboard.press('Enter');
    }
  }

  /** A modal dialog containing text; returns it so the caller can read it and press a button. */
  async dialog(text: string | RegExp): Promise<Locator> {
    return this.see('.monaco-dialog-box', text, 30_000);
  }

  async pressDialogButton(dialog: Locator, title: string): Promise<void> {
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: title }).first().click();
  }

  /** The text of the markdown preview (a webview: two nested iframes) once it contains text. */
  async markdownPreview(text: string | RegExp, timeout = 30_000): Promise<string> {
    const body = this.page
      .frameLocator('iframe.webview.ready')
      .frameLocator('iframe#active-frame')
      .locator('.markdown-body', { hasText: text })
      .first();
    await body.waitFor({ timeout });
    return body.innerText();
  }

  async notification(text: string | RegExp): Promise<Locator> {
    return this.see('.notification-toast', text, 20_000);
  }
}

/**
 * Declares node:test steps that share one workbench and leave a screenshot each:
 * `<prefix>-NN-<step>.png`, or `…-FAILED.png` when the step failed.
 */
export function screenshotSteps(prefix: string, workbench: () => Workbench | undefined) {
  let n = 0;
  return (name: string, body: (wb: Workbench) => Promise<void>): void => {
    const slug = `${prefix}-${String(++n).padStart(2, '0')}-${name.replace(/\W+/g, '-').replace(/-+$/, '').toLowerCase()}`;
    void test(name, async () => {
      const wb = workbench();
      if (!wb) {
        throw new Error('the workbench did not open (see the first failure)');
      }
      try {
        await body(wb);
      } catch (error) {
        await wb.screenshot(`${slug}-FAILED`).catch(() => undefined);
        throw error;
      }
      await wb.screenshot(slug);
    });
  };
}
