// Command-line arguments of kubelog-scan.

export type OutputFormat = 'text' | 'json';

export interface CliOptions {
  format: OutputFormat;
  /** Files to scan in order; `-` is standard input. */
  files: string[];
  help: boolean;
}

export const USAGE = `Usage: kubelog-scan [--format text|json] FILE... | -

Scans Kubernetes node logs (kubelet, containerd, dockerd, journald/syslog exports, kern.log, dmesg)
for the failures that make nodes NotReady. \`-\` reads standard input; .gz files are decompressed.

  --format text   group findings by incident (default)
  --format json   one JSON object per flagged line:
                  {"file","line","endLine","ruleId","category","severity","message"} (line is 1-based)
  -h, --help      show this help

Exit status: 0 nothing found, 1 findings, 2 usage or read error.`;

/**
 * Parses argv (without node and script). Throws an Error with a user-facing message on bad usage.
 *
 * @example parseArgs(['--format', 'json', 'kubelet.log']) // → { format: 'json', files: ['kubelet.log'], help: false }
 */
export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { format: 'text', files: [], help: false };
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      options.files.push(arg);
    } else if (arg === '--') {
      onlyFiles = true;
    } else if (arg === '-h' || arg === '--help') {
      options.help = true;
    } else if (arg === '--format' || arg === '-f') {
      if (i + 1 >= argv.length) {
        throw new Error(`${arg} needs a value: text or json`);
      }
      options.format = parseFormat(argv[++i]);
    } else if (arg.startsWith('--format=')) {
      options.format = parseFormat(arg.slice('--format='.length));
    } else {
      throw new Error(`unknown option ${arg}`);
    }
  }
  if (!options.help && options.files.length === 0) {
    throw new Error('no input: give one or more FILEs, or - for standard input');
  }
  if (options.files.filter((f) => f === '-').length > 1) {
    throw new Error('standard input (-) can be given only once');
  }
  return options;
}

function parseFormat(value: string): OutputFormat {
  if (value === 'text' || value === 'json') {
    return value;
  }
  throw new Error(`--format must be text or json, not "${value}"`);
}
