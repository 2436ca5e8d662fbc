/**
 * Recognises the prefix of one node-log line (journald/syslog, klog, kubelet JSON, logfmt, kernel,
 * CRI) and returns its time, level, unit and message body. Every pattern here is anchored and linear;
 * callers hand in at most a bounded slice of very long lines.
 */
import type { LogFormat, ParsedLine } from './types';

type Level = NonNullable<ParsedLine['level']>;

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

// `Aug 06 07:59:04[.123456] host unit[pid]: rest` (journald short / short-precise, BSD syslog files).
const SYSLOG_SHORT =
  /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(\.\d{1,9})? (\S+) ([^\s:[\]]{1,128})(?:\[(\d{1,10})\])?: ?/;
// `2024-08-06T07:59:04.123456+00:00 host unit[pid]: rest` (rsyslog RFC 3339, journalctl -o short-iso).
const SYSLOG_ISO =
  /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?) (\S+) ([^\s:[\]]{1,128})(?:\[(\d{1,10})\])?: ?/;
// `2024-02-07T02:49:40.739405+00:00 host kubelet 24578 - - rest` (RFC 5424: app, procid, msgid, structured data).
const SYSLOG_5424 =
  /^(?:<\d{1,3}>1 )?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) (\S{1,255}) (\S{1,48}) (?:\d{1,10}|-) (?:\S{1,32}) (?:-|\[[^\]\n]{0,1024}\]) {1,2}/;
// `2024-08-06T07:59:04.123456789Z stderr F text` (CRI container log files).
const CRI = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) (stdout|stderr) ([FP]) ?/;
// `E0806 07:59:04.839883    1498 kubelet.go:1991] msg`
const KLOG =
  /^([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{1,9})? {1,32}(\d{1,10}) ([^\s\]:]{1,256}):(\d{1,7})\] ?/;
// `time="2024-08-06T07:55:39.017744120Z" level=error msg="…"` (containerd, dockerd, cri-o logrus text).
const LOGFMT_TIME = /^time="?(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?)"? /;
const LOGFMT_LEVEL = /^level="?(\w{1,16})"? /;
// `[ 1234.567890] msg` (dmesg, /dev/kmsg) and `[Tue Aug  6 07:59:04 2024] msg` (dmesg -T).
const KERNEL_UPTIME = /^\[ {0,12}(\d{1,10})\.(\d{1,9})\] ?/;
const KERNEL_HUMAN = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})\] ?/;
const JSON_TS_NUMBER = /"ts":\s{0,4}(\d{9,13}(?:\.\d{1,9})?)/;
const JSON_TS_STRING = /"(?:ts|time|timestamp)":\s{0,4}"(\d{4}-\d\d-\d\dT[^"]{1,40})"/;

/**
 * Parses one physical line (without its newline).
 *
 * Year-less times (journald short, klog, syslog) take `assumeYear`; without it they get no timestamp.
 * Times without a zone are read as UTC.
 *
 * @example
 * parseLine('Aug 06 07:59:04 k8s-wa-2 kubelet[1498]: E0806 07:59:04.839883 1498 kubelet.go:1991] "Skipping pod synchronization"', 2024)
 * // → { format: 'journald', host: 'k8s-wa-2', unit: 'kubelet', level: 'error',
 * //     message: '"Skipping pod synchronization"', timestamp: Date.UTC(2024, 7, 6, 7, 59, 4, 839), … }
 */
export function parseLine(text: string, assumeYear?: number): ParsedLine {
  const line = text.endsWith('\r') ? text.slice(0, -1) : text;

  let m = SYSLOG_SHORT.exec(line);
  if (m && MONTHS[m[1].toLowerCase()] !== undefined) {
    const time = yearless(assumeYear, MONTHS[m[1].toLowerCase()], +m[2], +m[3], +m[4], +m[5], m[6]);
    return withInner(line, m[0].length, 'journald', time, assumeYear !== undefined, m[7], m[8], assumeYear);
  }
  m = CRI.exec(line);
  if (m) {
    const inner = parseInner(line, m[0].length, assumeYear);
    return { ...inner, format: 'cri', timestamp: isoTime(m[1]), yearAssumed: undefined };
  }
  m = SYSLOG_5424.exec(line);
  if (m) {
    return withInner(line, m[0].length, 'syslog-iso', isoTime(m[1]), false, m[2], m[3], assumeYear);
  }
  m = SYSLOG_ISO.exec(line);
  if (m) {
    return withInner(line, m[0].length, 'syslog-iso', isoTime(m[1]), false, m[2], m[3], assumeYear);
  }
  return parseInner(line, 0, assumeYear);
}

/** Parses the part after an outer prefix: klog, JSON, logfmt, kernel or plain text. */
function parseInner(line: string, offset: number, assumeYear: number | undefined): ParsedLine {
  const rest = offset === 0 ? line : line.slice(offset);

  let m = KLOG.exec(rest);
  if (m) {
    const time = yearless(assumeYear, +m[2] - 1, +m[3], +m[4], +m[5], +m[6], m[7]);
    return {
      format: 'klog',
      timestamp: time,
      yearAssumed: time !== undefined ? true : undefined,
      level: KLOG_LEVELS[m[1]],
      message: rest.slice(m[0].length),
      messageOffset: offset + m[0].length,
    };
  }
  if (rest.startsWith('{"log":')) {
    // docker json-file container logs: {"log":"…","stream":"stderr","time":"…"}
    return { ...parseJsonLine(rest, offset), format: 'cri' };
  }
  if (rest.startsWith('{') && rest.includes('"msg"')) {
    return parseJsonLine(rest, offset);
  }
  m = LOGFMT_TIME.exec(rest);
  if (m || rest.startsWith('level=')) {
    const afterTime = m ? m[0].length : 0;
    const level = LOGFMT_LEVEL.exec(rest.slice(afterTime));
    const bodyStart = afterTime + (level ? level[0].length : 0);
    if (m || level) {
      return {
        format: 'logfmt',
        timestamp: m ? isoTime(m[1]) : undefined,
        level: level ? normaliseLevel(level[1]) : undefined,
        message: rest.slice(bodyStart),
        messageOffset: offset + bodyStart,
      };
    }
  }
  m = KERNEL_UPTIME.exec(rest);
  if (m) {
    return { format: 'kernel', message: rest.slice(m[0].length), messageOffset: offset + m[0].length };
  }
  m = KERNEL_HUMAN.exec(rest);
  if (m && MONTHS[m[1].toLowerCase()] !== undefined) {
    const time = Date.UTC(+m[6], MONTHS[m[1].toLowerCase()], +m[2], +m[3], +m[4], +m[5]);
    return {
      format: 'kernel',
      timestamp: time,
      message: rest.slice(m[0].length),
      messageOffset: offset + m[0].length,
    };
  }
  return { format: 'plain', message: rest, messageOffset: offset };
}

/** Combines an outer journald/syslog prefix with whatever the rest of the line is. */
function withInner(
  line: string,
  offset: number,
  format: LogFormat,
  timestamp: number | undefined,
  yearAssumed: boolean,
  host: string,
  unit: string,
  assumeYear: number | undefined,
): ParsedLine {
  const inner = parseInner(line, offset, assumeYear);
  return {
    format,
    // The outer prefix time is the journal's receive time; it wins over inner (often year-less) times.
    timestamp: timestamp ?? inner.timestamp,
    yearAssumed: timestamp !== undefined ? (yearAssumed ? true : undefined) : inner.yearAssumed,
    level: inner.level,
    host,
    unit,
    message: inner.message,
    messageOffset: inner.messageOffset,
  };
}

const KLOG_LEVELS: Record<string, Level> = { I: 'info', W: 'warning', E: 'error', F: 'fatal' };

function parseJsonLine(rest: string, offset: number): ParsedLine {
  let timestamp: number | undefined;
  const numeric = JSON_TS_NUMBER.exec(rest);
  if (numeric) {
    const value = Number(numeric[1]);
    // klog's JSON writes seconds; some zap configurations write milliseconds (13 integer digits).
    const ms = value > 1e11 ? value : value * 1000;
    timestamp = Number.isFinite(ms) ? Math.round(ms) : undefined;
  } else {
    const iso = JSON_TS_STRING.exec(rest);
    if (iso) {
      timestamp = isoTime(iso[1]);
    }
  }
  const levelMatch = /"(?:level|severity)":\s{0,4}"(\w{1,16})"/.exec(rest);
  let level: Level | undefined = levelMatch ? normaliseLevel(levelMatch[1]) : undefined;
  // Kubernetes' JSON format has no level field: info entries carry "v", error entries carry "err" and no "v".
  if (!level) {
    level = /"v":\s{0,4}\d/.test(rest) ? 'info' : /"err":/.test(rest) ? 'error' : undefined;
  }
  return { format: 'klog-json', timestamp, level, message: rest, messageOffset: offset };
}

function normaliseLevel(raw: string): Level | undefined {
  switch (raw.toLowerCase()) {
    case 'debug':
    case 'trace':
      return 'debug';
    case 'info':
    case 'notice':
      return 'info';
    case 'warn':
    case 'warning':
      return 'warning';
    case 'error':
    case 'err':
      return 'error';
    case 'fatal':
    case 'panic':
    case 'crit':
    case 'critical':
      return 'fatal';
    default:
      return undefined;
  }
}

function yearless(
  year: number | undefined,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
): number | undefined {
  if (year === undefined || month < 0 || month > 11 || day < 1 || day > 31) {
    return undefined;
  }
  const ms = fraction ? Math.floor(Number(fraction) * 1000) : 0;
  return Date.UTC(year, month, day, hour, minute, second, ms);
}

/** RFC 3339 with optional zone (UTC when absent), `,` or `.` fractions, `+0000` or `+00:00` offsets. */
function isoTime(raw: string): number | undefined {
  const m = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:[.,](\d{1,9}))?(Z|([+-])(\d\d):?(\d\d))?$/.exec(
    raw,
  );
  if (!m) {
    return undefined;
  }
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let time = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
  if (m[9]) {
    const offsetMinutes = (+m[10] * 60 + +m[11]) * (m[9] === '-' ? -1 : 1);
    time -= offsetMinutes * 60_000;
  }
  return Number.isFinite(time) ? time : undefined;
}
