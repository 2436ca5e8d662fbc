// Client side of "Analyze node log file…": streams the file through the shared scanner with a
// cancellable progress notification and returns the Markdown report.
import * as vscode from 'vscode';
import { stat } from 'node:fs/promises';
import { renderAnalysisReport } from '../../node/analysisReport';
import { scanLogFile } from '../../node/logFileScan';

export async function analyzeFileWithProgress(file: string): Promise<string | undefined> {
  const { size } = await stat(file);
  const name = file.split(/[\\/]/).pop() ?? file;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Analyzing ${name}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancelled = token.onCancellationRequested(() => abort.abort());
      const exampleMessages = new Map<string, string>();
      let reportedPercent = 0;
      const started = Date.now();
      try {
        const result = await scanLogFile(file, {
          signal: abort.signal,
          onFindings: (findings) => {
            for (const f of findings) {
              if (!exampleMessages.has(f.ruleId)) {
                exampleMessages.set(f.ruleId, f.message);
              }
            }
          },
          onProgress: (bytes) => {
            const percent = size > 0 ? Math.min(100, Math.floor((100 * bytes) / size)) : 100;
            if (percent > reportedPercent) {
              progress.report({
                increment: percent - reportedPercent,
                message: `${(bytes / 1048576).toFixed(0)} of ${(size / 1048576).toFixed(0)} MB`,
              });
              reportedPercent = percent;
            }
          },
        });
        return renderAnalysisReport({
          file,
          sizeBytes: size,
          elapsedMs: Date.now() - started,
          result,
          exampleMessages,
        });
      } finally {
        cancelled.dispose();
      }
    },
  );
}
