// Child process of runBench: streams one file through scanLogFile and prints peak RSS as JSON.
//   node out/bench/streamMemory.js FILE
import { readFileSync } from 'node:fs';
import { scanLogFile } from '../src/node/logFileScan';

/** VmHWM / VmRSS from /proc (Linux). ru_maxrss is no good here: Linux carries it over from the parent across fork+exec. */
function procMemoryMb(field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) {
      return Number(match[1]) / 1024;
    }
  } catch {
    // not Linux: fall through
  }
  return field === 'VmHWM' ? process.resourceUsage().maxRSS / 1024 : process.memoryUsage().rss / 1048576;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  const baselineRssMb = procMemoryMb('VmRSS');
  const started = process.hrtime.bigint();
  const result = await scanLogFile(file);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    JSON.stringify({
      file,
      baselineRssMb,
      peakRssMb: procMemoryMb('VmHWM'),
      seconds,
      lines: result.linesScanned,
      findings: result.findingCount,
      incidents: result.incidents.length,
    }) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
