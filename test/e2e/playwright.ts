// playwright-core is not a dependency of the extension: scripts/vscode-e2e/setup.sh installs it
// under the e2e cache root (with its driver only; the browser is Debian's chromium). These are the
// few types the UI tests use, so the suites type-check without it installed.
import * as os from 'node:os';
import * as path from 'node:path';

export interface WaitOptions {
  timeout?: number;
  state?: 'attached' | 'detached' | 'visible' | 'hidden';
}

export interface Locator {
  first(): Locator;
  nth(index: number): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  filter(options: { hasText?: string | RegExp; has?: Locator }): Locator;
  evaluate<R, A>(fn: (element: unknown, arg: A) => R, arg: A): Promise<R>;
  waitFor(options?: WaitOptions): Promise<void>;
  click(options?: {
    position?: { x: number; y: number };
    timeout?: number;
    button?: 'left' | 'right';
  }): Promise<void>;
  dblclick(options?: { timeout?: number }): Promise<void>;
  hover(options?: { timeout?: number; force?: boolean }): Promise<void>;
  fill(value: string): Promise<void>;
  count(): Promise<number>;
  innerText(): Promise<string>;
  press(key: string): Promise<void>;
  allInnerTexts(): Promise<string[]>;
  getAttribute(name: string): Promise<string | null>;
  isVisible(): Promise<boolean>;
}

export interface FrameLocator {
  frameLocator(selector: string): FrameLocator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
}

export interface Page {
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
  goto(url: string): Promise<unknown>;
  screenshot(options: { path: string }): Promise<unknown>;
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
  mouse: {
    move(x: number, y: number, options?: { steps?: number }): Promise<void>;
    down(): Promise<void>;
    up(): Promise<void>;
  };
  on(event: 'console', handler: (message: { type(): string; text(): string }) => void): void;
  evaluate<T>(fn: () => T): Promise<T>;
}

export interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface Chromium {
  launchPersistentContext(
    userDataDir: string,
    options: {
      executablePath: string;
      headless: boolean;
      args: string[];
      viewport: { width: number; height: number };
    },
  ): Promise<BrowserContext>;
}

/** playwright-core from NODE_PATH (set by e2e.sh), else from the setup.sh cache root. */
export function loadChromium(): Chromium {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time, not bundled
    return (require('playwright-core') as { chromium: Chromium }).chromium;
  } catch {
    const root =
      process.env.VSC_E2E_ROOT ??
      path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'vscode-e2e');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved at run time, not bundled
    return (require(path.join(root, 'tools', 'node_modules', 'playwright-core')) as { chromium: Chromium })
      .chromium;
  }
}
