/**
 * Core types of the kubelog rule engine. Pure data: no vscode, no LSP, no I/O.
 * Positions are 0-based like LSP; the CLI adds 1 when it prints line numbers.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** The fixed category taxonomy, so results can be compared across versions. */
export const CATEGORIES = [
  'pleg-unhealthy',
  'runtime-down',
  'runtime-timeout',
  'docker-daemon-unreachable',
  'pid-exhaustion',
  'node-status-not-posted',
  'lease-update-failed',
  'unmount-busy',
  'zombie-process',
  'disk-full',
  'inode-full',
  'fd-exhaustion',
  'oom-kill',
  'hung-task',
  'nfs-hang',
  'cni-failure',
  'image-pull-failure',
  'eviction',
  'cert-expired',
  'readonly-fs',
  'kernel-oops',
] as const;

export type FixedCategory = (typeof CATEGORIES)[number];
/** `other:<name>` for anything else worth flagging (soft lockups, kubelet crash loops, …). */
export type Category = FixedCategory | `other:${string}`;

/** The shape a line was recognised as. */
export type LogFormat =
  'klog' | 'klog-json' | 'journald' | 'syslog-iso' | 'logfmt' | 'kernel' | 'cri' | 'plain';

/** One physical line after its prefix (journald, klog header, logfmt, …) has been understood. */
export interface ParsedLine {
  format: LogFormat;
  /** Milliseconds since the epoch, when the line carries a time. Year-less syslog/klog times use `assumeYear`. */
  timestamp?: number;
  /** Severity the line itself claims (klog letter, logfmt level, JSON level); undefined when none. */
  level?: 'debug' | 'info' | 'warning' | 'error' | 'fatal';
  host?: string;
  /** journald unit or syslog tag, e.g. `kubelet`, `containerd`, `kernel`. */
  unit?: string;
  /** The message body after all recognised prefixes. */
  message: string;
  /** Offset of `message` within the physical line. */
  messageOffset: number;
  /** True when the line carries no year and `timestamp` used `assumeYear`. */
  yearAssumed?: boolean;
}

/** What a rule's `describe` hook adds to a finding: a message suffix and extracted facts. */
export interface RuleSpecifics {
  /** Appended to the rule title, e.g. `last seen active 6m57s ago (threshold 3m0s)`. */
  summary?: string;
  details?: Record<string, string | number>;
}

export interface Rule {
  /** Stable id, kebab-case, e.g. `pleg-not-healthy`. Used as the diagnostic `code`. */
  id: string;
  category: Category;
  severity: Severity;
  /** One-line title shown in the rule table and the outline. */
  title: string;
  /** The message patterns; a line matches when any pattern matches its message. No catastrophic backtracking. */
  patterns: RegExp[];
  /** Lines matching any of these are not flagged by this rule (precision guards). */
  exclude?: RegExp[];
  /** Why this matters, in Markdown: what the line means for the node. */
  explanation: string;
  /** What to check and do, in Markdown. */
  remediation: string;
  /** Commands worth copying (kubectl / shell). May contain `<node>` placeholders. */
  commands: string[];
  /** Where the string comes from (upstream file, NPD rule, seed), for maintainers. */
  source?: string;
  /**
   * Lower-case literal substrings; a line can only match when it contains one of them. They feed the
   * engine's single-pass prefilter. A rule without keywords is evaluated on every line (slow path).
   */
  keywords?: string[];
  /** Occurrences within this many seconds after a kubelet start are routine start-up noise and not flagged. */
  startupGraceSeconds?: number;
  /**
   * The message only exists until the kubelet's first successful check after a start, so with no
   * start line in view its first occurrence stands in for the start: a lone line is start-up
   * noise, one that persists past the grace is not.
   */
  firstOccurrenceMarksStart?: boolean;
  /** Extracts specifics (durations, binaries, paths) from the pattern match on the line's message. */
  describe?: (match: RegExpExecArray, message: string) => RuleSpecifics | undefined;
}

/** One flagged line. */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** 0-based line number. */
  line: number;
  /** 0-based, last line of the finding (equal to `line` unless a wrapped line was joined). */
  endLine: number;
  /** Character range of the match within `line`. */
  start: number;
  end: number;
  /** Short human message: the rule title plus extracted specifics (e.g. `PLEG not healthy: last seen active 6m57s ago`). */
  message: string;
  timestamp?: number;
  /** Rule-specific extracted facts, e.g. `{ lastSeenActiveSeconds: 417.17 }`. */
  details?: Record<string, string | number>;
}

/** Repeated occurrences of one rule close in time. */
export interface Incident {
  ruleId: string;
  category: Category;
  severity: Severity;
  title: string;
  count: number;
  firstLine: number;
  lastLine: number;
  firstTimestamp?: number;
  lastTimestamp?: number;
  /** Line numbers of (at most a bounded number of) occurrences, for related information. */
  occurrenceLines: number[];
}
