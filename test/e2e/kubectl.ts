// kubectl from the harness (.bin/kubectl, the server's version) against the e2e cluster: the UI
// tests read the truth from the API server with it, never from the extension.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = path.join(__dirname, '..', '..', '..');

export async function kubectl(...args: string[]): Promise<string> {
  const binary = process.env.KUBECTL ?? path.join(repo, '.bin', 'kubectl');
  const kubeconfig = process.env.KUBECONFIG;
  if (!kubeconfig) {
    throw new Error(
      'KUBECONFIG is not set: the cluster suites need the harness (npm run test:e2e starts it)',
    );
  }
  const { stdout } = await run(binary, ['--kubeconfig', kubeconfig, ...args], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

export async function kubectlJson<T = { items: unknown[] }>(...args: string[]): Promise<T> {
  return JSON.parse(await kubectl(...args, '-o', 'json')) as T;
}

/** Polls fn until it returns a value other than undefined; fails after timeoutMs with what it saw last. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 1_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms${last instanceof Error ? ` (last error: ${last.message})` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
