import * as vscode from 'vscode';
import { inspect } from 'node:util';

/** The extension's log: one LogOutputChannel, errors with stacks, objects inspected. */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  get outputChannel(): vscode.LogOutputChannel {
    return this.channel;
  }

  info(message: string, ...details: unknown[]): void {
    this.channel.info(format(message, details));
  }

  warn(message: string, ...details: unknown[]): void {
    this.channel.warn(format(message, details));
  }

  error(message: string, ...details: unknown[]): void {
    this.channel.error(format(message, details));
  }

  debug(message: string, ...details: unknown[]): void {
    this.channel.debug(format(message, details));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

function format(message: string, details: unknown[]): string {
  if (details.length === 0) {
    return message;
  }
  const rendered = details.map((d) =>
    d instanceof Error ? (d.stack ?? d.message) : typeof d === 'string' ? d : inspect(d, { depth: 4 }),
  );
  return `${message} ${rendered.join(' ')}`;
}
