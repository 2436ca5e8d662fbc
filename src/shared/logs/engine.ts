/**
 * The kubelog rule engine. Design:
 *
 * - **Prefilter.** Every catalog rule declares lower-case keywords. One pass of a multi-keyword
 *   automaton (`KeywordMatcher`, Aho–Corasick) over the whole chunk finds the lines that contain any
 *   keyword and which ones; only those lines are parsed, and only the rules whose keywords they
 *   contain are evaluated. `prefilterPatternSource()` exports the same keyword set as an ERE
 *   alternation for grep/rg.
 * - **Priority.** Rules are tried in registry order (`rules/index.ts` lists the specific before the
 *   generic); the first rule whose pattern matches and whose exclude guards do not is the line's only
 *   finding.
 * - **Bounded work.** Rules see at most the first `MAX_EVALUATED_CHARS` of a line; longer lines are
 *   still scanned by the prefilter, and a finding on them says it was truncated.
 * - **State.** The scanner is streaming: incidents keep a capped list of occurrence lines, the PLEG
 *   summary keeps counters, and the kubelet start time suppresses start-up noise
 *   (`Rule.startupGraceSeconds`). Chunks must end at line boundaries; results do not depend on where.
 */
import { isMatchableKeyword, KeywordMatcher, keywordMatcherFor } from './keywordMatcher';
import { parseLine } from './parse';
import { RULES } from './rules/index';
import type { Category, Finding, Incident, ParsedLine, Rule, Severity } from './types';

export interface EngineSettings {
  /** Rule ids turned off. */
  disabledRules: string[];
  /** Rule id → severity. */
  severityOverrides: Record<string, Severity>;
  /** Occurrences of one rule further apart than this start a new incident (default 300). */
  incidentGapSeconds: number;
  /** For year-less syslog/klog times; without it those findings carry no timestamp. */
  assumeYear?: number;
  /**
   * Year-less times later than this (ms since the epoch) belong to the year before `assumeYear`:
   * a log that crossed New Year, read in January, has its December lines from last year.
   * Hosts derive both from "now" or the file's mtime with `yearlessTimesBefore`.
   */
  yearlessNotAfter?: number;
}

/**
 * How to date year-less lines of a log written up to `reference` (now, or the file's mtime):
 * in its year, unless that puts them in the future — then in the year before. Day granularity
 * (so settings stay stable within a day), with a day of slack for time zones.
 *
 * @example yearlessTimesBefore(new Date('2027-01-02T10:00:00Z'))
 * // → { assumeYear: 2027, yearlessNotAfter: Date.UTC(2027, 0, 4) }: "Dec 31 23:59:59" reads as 2026
 */
export function yearlessTimesBefore(
  reference: Date,
): Pick<EngineSettings, 'assumeYear' | 'yearlessNotAfter'> {
  const year = reference.getUTCFullYear();
  return {
    assumeYear: year,
    yearlessNotAfter: Date.UTC(year, reference.getUTCMonth(), reference.getUTCDate() + 2),
  };
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = Object.freeze({
  disabledRules: [],
  severityOverrides: {},
  incidentGapSeconds: 300,
});

/** Rules evaluate at most this many characters of a line (64 KiB); the prefilter sees all of it. */
export const MAX_EVALUATED_CHARS = 64 * 1024;
/** Occurrence lines kept per incident. */
export const MAX_OCCURRENCES_PER_INCIDENT = 100;

/** Categories whose findings count as "the runtime was in trouble" in the PLEG summary. */
const RUNTIME_TROUBLE: ReadonlySet<Category> = new Set<Category>([
  'runtime-down',
  'runtime-timeout',
  'docker-daemon-unreachable',
]);

/**
 * Lines that mark a (re)start of the kubelet (or containerd); rules with `startupGraceSeconds` are quiet for that long
 * after one. Matched case-insensitively as substrings, after the rule prefilter found the line.
 */
export const KUBELET_START_MARKERS: readonly string[] = [
  'starting kubelet main sync loop',
  'started kubelet',
  'started kubernetes kubelet',
  '"kubelet version"',
  'kubelet version: ',
  'starting kubelet.',
  // containerd's own start: CNI is not loaded until the network plugin's DaemonSet runs.
  'msg="starting containerd"',
];

// Decodes candidate lines like Buffer#toString / StringDecoder: U+FFFD for invalid bytes, a BOM kept.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

// Year used to order year-less times when the caller gave no assumeYear (a leap year, so Feb 29 parses).
const ORDERING_YEAR = 2000;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface PlegSummary {
  firstUnhealthyLine: number;
  firstUnhealthyTimestamp?: number;
  lastUnhealthyLine: number;
  lastUnhealthyTimestamp?: number;
  occurrences: number;
  /** The longest "last seen active" duration, in seconds, and the line that reported it. */
  longestGapSeconds?: number;
  longestGapLine?: number;
  /** runtime-down / runtime-timeout / docker-daemon-unreachable findings between the first and last PLEG line. */
  runtimeTroubleDuring: number;
}

export interface ScanResult {
  findings: Finding[];
  incidents: Incident[];
  pleg?: PlegSummary;
  linesScanned: number;
}

interface OpenIncident {
  incident: Incident;
  /** Ordering time of the last occurrence (may use ORDERING_YEAR). */
  lastTime?: number;
}

/**
 * Streaming scanner over complete lines.
 *
 * @example
 * const scanner = new LogScanner({ assumeYear: 2024 });
 * scanner.scanChunk('E0806 07:59:04.839883 1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s"', 0);
 * // → [{ ruleId: 'pleg-not-healthy', category: 'pleg-unhealthy', line: 0, details: { lastSeenActiveSeconds: 417.17, … }, … }]
 * scanner.incidents(); scanner.plegSummary();
 */
export class LogScanner {
  private readonly settings: EngineSettings;
  private readonly rules: readonly Rule[];
  private readonly ruleKeywords: (readonly string[] | undefined)[];
  /** Fast path: the automaton, the rules each keyword id selects, and the ids that are start markers. */
  private readonly matcher: KeywordMatcher | undefined;
  private readonly rulesByKeyword: number[][] = [];
  private readonly markerKeywords = new Set<number>();
  private readonly candidateStamp: Uint32Array;
  private candidateGeneration = 0;
  private readonly candidates: number[] = [];
  private readonly closedIncidents: Incident[] = [];
  private readonly openIncidents = new Map<string, OpenIncident>();
  private pleg: PlegSummary | undefined;
  private runtimeTroubleSinceLastPleg = 0;
  private lastKubeletStart: number | undefined;
  /** Per rule with firstOccurrenceMarksStart: its first occurrence since the last start line. */
  private readonly firstOccurrence = new Map<string, number>();
  private lines = 0;

  constructor(settings?: Partial<EngineSettings>, rules: readonly Rule[] = RULES) {
    this.settings = { ...DEFAULT_ENGINE_SETTINGS, ...stripUndefined(settings ?? {}) };
    const disabled = new Set(this.settings.disabledRules);
    this.rules = rules
      .filter((rule) => !disabled.has(rule.id))
      .map((rule) => {
        const override = this.settings.severityOverrides[rule.id];
        return override && override !== rule.severity ? { ...rule, severity: override } : rule;
      });
    this.ruleKeywords = this.rules.map((rule) => {
      const keywords = rule.keywords?.map((k) => k.toLowerCase());
      return keywords && keywords.length > 0 && keywords.every(isMatchableKeyword) ? keywords : undefined;
    });
    this.candidateStamp = new Uint32Array(this.rules.length);
    // Rules without usable keywords must see every line: then the whole scan takes the slow path.
    if (this.ruleKeywords.every((k) => k !== undefined)) {
      const ids = new Map<string, number>();
      const idOf = (keyword: string) => {
        let id = ids.get(keyword);
        if (id === undefined) {
          id = ids.size;
          ids.set(keyword, id);
          this.rulesByKeyword.push([]);
        }
        return id;
      };
      this.ruleKeywords.forEach((keywords, r) => {
        for (const k of keywords ?? []) {
          const list = this.rulesByKeyword[idOf(k)];
          if (!list.includes(r)) {
            list.push(r);
          }
        }
      });
      if (this.rules.some((rule) => rule.startupGraceSeconds)) {
        for (const marker of KUBELET_START_MARKERS) {
          this.markerKeywords.add(idOf(marker));
        }
      }
      this.matcher = keywordMatcherFor([...ids.keys()]);
    }
  }

  get linesScanned(): number {
    return this.lines;
  }

  /**
   * Scans complete lines separated by '\n' (a trailing '\r' per line is tolerated). A chunk of n
   * newlines holds n + 1 lines, like an editor document: leave out the newline that ends the chunk's
   * last line (a trailing '\n' means the chunk ends with an empty line). `firstLine` is the 0-based
   * number of the chunk's first line. Returns the chunk's findings in line order. `from`/`to` make
   * `text[from..to)` the chunk without copying it (findings' columns are relative to their lines).
   */
  scanChunk(text: string, firstLine: number, from = 0, to = text.length): Finding[] {
    const findings: Finding[] = [];
    const matcher = this.matcher;
    if (!matcher) {
      if (from !== 0 || to !== text.length) {
        text = text.slice(from, to);
      }
      const lineCount = countNewlines(text, 0, text.length) + 1;
      let start = 0;
      for (let i = 0; i < lineCount; i++) {
        const end = lineEnd(text, start);
        this.evaluate(text.slice(start, end), firstLine + i, findings, undefined, false);
        start = end + 1;
      }
      this.lines += lineCount;
      return findings;
    }
    const lineCount = matcher.scan(
      text,
      (start, end, hits, hitCount, lineIndex) => {
        this.evaluateCandidate(text.slice(start, end), firstLine + lineIndex, hits, hitCount, findings);
      },
      from,
      to,
    );
    this.lines += lineCount;
    return findings;
  }

  /**
   * `scanChunk` over UTF-8 bytes `bytes[from..to)` (same line rules; invalid sequences read as U+FFFD):
   * only lines the prefilter selects are decoded, so a file reader need not decode the whole file.
   *
   * @example
   * scanner.scanBytes(buffer, 0, buffer.lastIndexOf(10), 0); // complete lines only
   */
  scanBytes(bytes: Uint8Array, from: number, to: number, firstLine: number): Finding[] {
    const matcher = this.matcher;
    if (!matcher) {
      return this.scanChunk(utf8.decode(bytes.subarray(from, to)), firstLine);
    }
    const findings: Finding[] = [];
    const lineCount = matcher.scanBytes(bytes, from, to, (start, end, hits, hitCount, lineIndex) => {
      const line = utf8.decode(bytes.subarray(start, end));
      this.evaluateCandidate(line, firstLine + lineIndex, hits, hitCount, findings);
    });
    this.lines += lineCount;
    return findings;
  }

  /** Evaluates a line the prefilter selected, with only the rules its keywords select, in priority order. */
  private evaluateCandidate(
    line: string,
    lineNumber: number,
    hits: Int32Array,
    hitCount: number,
    findings: Finding[],
  ): void {
    const generation = this.nextCandidateGeneration();
    const candidates = this.candidates;
    candidates.length = 0;
    let marker = false;
    for (let h = 0; h < hitCount; h++) {
      const keyword = hits[h];
      if (this.markerKeywords.has(keyword)) {
        marker = true;
      }
      for (const r of this.rulesByKeyword[keyword]) {
        if (this.candidateStamp[r] !== generation) {
          this.candidateStamp[r] = generation;
          candidates.push(r);
        }
      }
    }
    candidates.sort((a, b) => a - b);
    this.evaluate(line, lineNumber, findings, candidates, marker);
  }

  private nextCandidateGeneration(): number {
    this.candidateGeneration = this.candidateGeneration === 0xffffffff ? 1 : this.candidateGeneration + 1;
    if (this.candidateGeneration === 1) {
      this.candidateStamp.fill(0);
    }
    return this.candidateGeneration;
  }

  /** Incidents so far (closed and still open), in order of their first line. */
  incidents(): Incident[] {
    const all = [...this.closedIncidents, ...[...this.openIncidents.values()].map((o) => o.incident)];
    return all
      .map((incident) => ({ ...incident, occurrenceLines: [...incident.occurrenceLines] }))
      .sort((a, b) => a.firstLine - b.firstLine || a.ruleId.localeCompare(b.ruleId));
  }

  plegSummary(): PlegSummary | undefined {
    return this.pleg ? { ...this.pleg } : undefined;
  }

  /**
   * Evaluates one line. `candidates` are the indexes (ascending) of the rules whose keywords the
   * prefilter found in the whole physical line; undefined means "check keywords here" (slow path).
   */
  private evaluate(
    physicalLine: string,
    lineNumber: number,
    findings: Finding[],
    candidates: readonly number[] | undefined,
    startMarker: boolean,
  ): void {
    const truncated = physicalLine.length > MAX_EVALUATED_CHARS;
    let text = truncated ? physicalLine.slice(0, MAX_EVALUATED_CHARS) : physicalLine;
    if (text.endsWith('\r')) {
      text = text.slice(0, -1);
    }
    const lower = candidates ? '' : text.toLowerCase();
    const parsed = this.parse(text);
    const orderingTime = parsed.timestamp;
    const timestamp =
      parsed.yearAssumed && this.settings.assumeYear === undefined ? undefined : parsed.timestamp;

    const marker = candidates ? startMarker : KUBELET_START_MARKERS.some((m) => lower.includes(m));
    if (marker && orderingTime !== undefined) {
      this.lastKubeletStart = orderingTime;
      this.firstOccurrence.clear();
    }

    const count = candidates ? candidates.length : this.rules.length;
    for (let i = 0; i < count; i++) {
      const r = candidates ? candidates[i] : i;
      const keywords = this.ruleKeywords[r];
      if (!candidates && keywords && !keywords.some((k) => lower.includes(k))) {
        continue;
      }
      const rule = this.rules[r];
      const match = firstMatch(rule, parsed.message);
      if (!match) {
        continue;
      }
      if (rule.exclude?.some((guard) => guard.test(parsed.message))) {
        continue;
      }
      if (this.inStartupGrace(rule, orderingTime)) {
        return;
      }

      const specifics = safeDescribe(rule, match, parsed.message);
      const details: Record<string, string | number> = { ...(specifics?.details ?? {}) };
      let message = specifics?.summary ? `${rule.title}: ${specifics.summary}` : rule.title;
      if (truncated) {
        details.truncatedAtChars = MAX_EVALUATED_CHARS;
        message += ` (line longer than ${MAX_EVALUATED_CHARS / 1024} KB: only its start was checked)`;
      }
      const start = parsed.messageOffset + match.index;
      const finding: Finding = {
        ruleId: rule.id,
        category: rule.category,
        severity: rule.severity,
        line: lineNumber,
        endLine: lineNumber,
        start,
        end: start + match[0].length,
        message,
      };
      if (timestamp !== undefined) {
        finding.timestamp = timestamp;
      }
      if (Object.keys(details).length > 0) {
        finding.details = details;
      }
      findings.push(finding);
      this.record(rule, finding, orderingTime);
      return;
    }
  }

  private parse(text: string): ParsedLine {
    const year = this.settings.assumeYear ?? ORDERING_YEAR;
    const parsed = parseLine(text, year);
    const notAfter = this.settings.yearlessNotAfter;
    if (
      parsed.yearAssumed &&
      notAfter !== undefined &&
      parsed.timestamp !== undefined &&
      parsed.timestamp > notAfter
    ) {
      return parseLine(text, year - 1);
    }
    return parsed;
  }

  private inStartupGrace(rule: Rule, time: number | undefined): boolean {
    if (!rule.startupGraceSeconds || time === undefined) {
      return false;
    }
    let start = this.lastKubeletStart;
    if (start === undefined && rule.firstOccurrenceMarksStart) {
      start = this.firstOccurrence.get(rule.id) ?? time;
      this.firstOccurrence.set(rule.id, start);
    }
    if (start === undefined) {
      return false;
    }
    const since = time - start;
    return since >= 0 && since <= rule.startupGraceSeconds * 1000;
  }

  private record(rule: Rule, finding: Finding, time: number | undefined): void {
    const open = this.openIncidents.get(rule.id);
    const gapMs = this.settings.incidentGapSeconds * 1000;
    const continues =
      open !== undefined &&
      (time === undefined || open.lastTime === undefined || Math.abs(time - open.lastTime) <= gapMs);
    if (open && continues) {
      const incident = open.incident;
      incident.count++;
      incident.lastLine = finding.line;
      if (finding.timestamp !== undefined) {
        incident.lastTimestamp = finding.timestamp;
      }
      if (incident.occurrenceLines.length < MAX_OCCURRENCES_PER_INCIDENT) {
        incident.occurrenceLines.push(finding.line);
      }
      if (time !== undefined) {
        open.lastTime = time;
      }
    } else {
      if (open) {
        this.closedIncidents.push(open.incident);
      }
      const incident: Incident = {
        ruleId: rule.id,
        category: rule.category,
        severity: rule.severity,
        title: rule.title,
        count: 1,
        firstLine: finding.line,
        lastLine: finding.line,
        occurrenceLines: [finding.line],
      };
      if (finding.timestamp !== undefined) {
        incident.firstTimestamp = finding.timestamp;
        incident.lastTimestamp = finding.timestamp;
      }
      this.openIncidents.set(rule.id, { incident, lastTime: time });
    }
    this.updatePleg(finding);
  }

  private updatePleg(finding: Finding): void {
    if (finding.category === 'pleg-unhealthy') {
      if (!this.pleg) {
        this.pleg = {
          firstUnhealthyLine: finding.line,
          firstUnhealthyTimestamp: finding.timestamp,
          lastUnhealthyLine: finding.line,
          lastUnhealthyTimestamp: finding.timestamp,
          occurrences: 0,
          runtimeTroubleDuring: 0,
        };
        if (finding.timestamp === undefined) {
          delete this.pleg.firstUnhealthyTimestamp;
          delete this.pleg.lastUnhealthyTimestamp;
        }
      } else {
        this.pleg.runtimeTroubleDuring += this.runtimeTroubleSinceLastPleg;
      }
      this.runtimeTroubleSinceLastPleg = 0;
      const pleg = this.pleg;
      pleg.occurrences++;
      pleg.lastUnhealthyLine = finding.line;
      if (finding.timestamp !== undefined) {
        pleg.lastUnhealthyTimestamp = finding.timestamp;
      }
      const gap = finding.details?.lastSeenActiveSeconds;
      if (typeof gap === 'number' && (pleg.longestGapSeconds === undefined || gap > pleg.longestGapSeconds)) {
        pleg.longestGapSeconds = gap;
        pleg.longestGapLine = finding.line;
      }
    } else if (this.pleg && RUNTIME_TROUBLE.has(finding.category)) {
      this.runtimeTroubleSinceLastPleg++;
    }
  }
}

/**
 * Scans a whole document.
 *
 * @example
 * const { findings, incidents, pleg } = scanText(documentText, { assumeYear: 2024 });
 */
export function scanText(text: string, settings?: Partial<EngineSettings>): ScanResult {
  const scanner = new LogScanner(settings);
  const findings = scanner.scanChunk(text, 0);
  return {
    findings,
    incidents: scanner.incidents(),
    pleg: scanner.plegSummary(),
    linesScanned: scanner.linesScanned,
  };
}

/**
 * The prefilter as an ERE-compatible alternation of the rules' keywords (metacharacters escaped), for
 * `grep -E -i` and `rg -i` in benchmarks: a line the engine can flag always matches it. Only ASCII
 * keywords are used, so `-i` means the same in grep, ripgrep and JavaScript.
 *
 * @example
 * execFile('rg', ['-c', '-i', '-e', prefilterPatternSource(), 'node.log']);
 */
export function prefilterPatternSource(rules: readonly Rule[] = RULES): string {
  return uniqueKeywords(rules).map(escapeForRegex).join('|');
}

/**
 * Validates raw settings, either in `EngineSettings` shape or as the `kubeNodeDoctor` configuration
 * section (`{ rules: { disabled, severityOverrides }, incidents: { gapSeconds } }`). Never throws.
 *
 * @example
 * validateEngineSettings({ disabledRules: ['pleg-not-helthy'] }).problems
 * // → ["Unknown rule id 'pleg-not-helthy' in kubeNodeDoctor.rules.disabled (did you mean 'pleg-not-healthy'?); known ids: …"]
 */
export function validateEngineSettings(
  raw: unknown,
  rules: readonly Rule[] = RULES,
): { settings: EngineSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: EngineSettings = { disabledRules: [], severityOverrides: {}, incidentGapSeconds: 300 };
  if (raw === undefined || raw === null) {
    return { settings, problems };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(
      `Kube Node Doctor log settings must be an object, got ${describeValue(raw)}; using defaults.`,
    );
    return { settings, problems };
  }
  const source = raw as Record<string, unknown>;
  const nestedRules = isRecord(source.rules) ? source.rules : {};
  const nestedIncidents = isRecord(source.incidents) ? source.incidents : {};
  const knownIds = rules.map((r) => r.id);
  const known = new Set(knownIds);
  const unknownId = (id: string, key: string): string => {
    const suggestion = closest(id, knownIds);
    const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
    return `Unknown rule id '${id}' in ${key}${hint}; known ids: ${knownIds.join(', ')}`;
  };

  const disabledKey = 'kubeNodeDoctor.rules.disabled';
  const disabled = source.disabledRules ?? nestedRules.disabled;
  if (disabled !== undefined) {
    if (!Array.isArray(disabled)) {
      problems.push(
        `${disabledKey} must be a list of rule ids, got ${describeValue(disabled)}; ignoring it.`,
      );
    } else {
      for (const id of disabled) {
        if (typeof id !== 'string') {
          problems.push(`${disabledKey} must hold strings, got ${describeValue(id)}.`);
        } else if (!known.has(id)) {
          problems.push(unknownId(id, disabledKey));
        } else if (!settings.disabledRules.includes(id)) {
          settings.disabledRules.push(id);
        }
      }
    }
  }

  const overridesKey = 'kubeNodeDoctor.rules.severityOverrides';
  const overrides = source.severityOverrides ?? nestedRules.severityOverrides;
  if (overrides !== undefined) {
    if (!isRecord(overrides)) {
      problems.push(
        `${overridesKey} must be an object of rule id → severity, got ${describeValue(overrides)}.`,
      );
    } else {
      for (const [id, severity] of Object.entries(overrides)) {
        if (!known.has(id)) {
          problems.push(unknownId(id, overridesKey));
        } else if (typeof severity !== 'string' || !SEVERITIES.includes(severity as Severity)) {
          problems.push(
            `Invalid severity ${describeValue(severity)} for rule '${id}' in ${overridesKey}; use one of ${SEVERITIES.join(', ')}.`,
          );
        } else {
          settings.severityOverrides[id] = severity as Severity;
        }
      }
    }
  }

  const gapKey = 'kubeNodeDoctor.incidents.gapSeconds';
  const gap = source.incidentGapSeconds ?? nestedIncidents.gapSeconds;
  if (gap !== undefined) {
    if (typeof gap !== 'number' || !Number.isFinite(gap) || gap <= 0) {
      problems.push(`${gapKey} must be a positive number of seconds, got ${describeValue(gap)}; using 300.`);
    } else {
      settings.incidentGapSeconds = gap;
    }
  }

  const year = source.assumeYear;
  if (year !== undefined) {
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 1970 || year > 9999) {
      problems.push(`assumeYear must be a four-digit year, got ${describeValue(year)}; ignoring it.`);
    } else {
      settings.assumeYear = year;
    }
  }
  return { settings, problems };
}

function uniqueKeywords(rules: readonly Rule[]): string[] {
  const set = new Set<string>();
  for (const rule of rules) {
    for (const k of rule.keywords ?? []) {
      set.add(k.toLowerCase());
    }
  }
  // Start markers must reach evaluation too: they open the start-up grace window.
  if (rules.some((rule) => rule.startupGraceSeconds)) {
    for (const marker of KUBELET_START_MARKERS) {
      set.add(marker);
    }
  }
  // Longest first, so that the alternation reports the most specific keyword at a position.
  return [...set].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

function escapeForRegex(literal: string): string {
  return literal.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

function firstMatch(rule: Rule, message: string): RegExpExecArray | undefined {
  for (const pattern of rule.patterns) {
    pattern.lastIndex = 0;
    const m = pattern.exec(message);
    if (m) {
      return m;
    }
  }
  return undefined;
}

function safeDescribe(
  rule: Rule,
  match: RegExpExecArray,
  message: string,
): ReturnType<NonNullable<Rule['describe']>> {
  if (!rule.describe) {
    return undefined;
  }
  try {
    return rule.describe(match, message);
  } catch {
    return undefined;
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let i = text.indexOf('\n', from);
  while (i !== -1 && i < to) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return `'${value}'`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object';
    default:
      return typeof value;
  }
}

/** The known id within edit distance 3 of `id`, if any. */
function closest(id: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of known) {
    const d = editDistance(id.toLowerCase(), candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) {
    return 99;
  }
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}
