/**
 * Wraps one message in the line shapes the kubelog parser understands, so that rule cases are checked
 * in every format a real node log would carry them in.
 */

/**
 * Turns a klog text message (`"Msg" key="value" n=1`) into the kubelet's JSON line
 * (`{"ts":…,"msg":"Msg","key":"value","n":"1"}`); unstructured messages become the `msg` field.
 */
function jsonLine(message: string): string {
  const head = { ts: 1722931144.839883, caller: 'kubelet/kubelet.go:1991' };
  const structured = /^"((?:[^"\\]|\\.)*)"(.*)$/.exec(message);
  if (!structured) {
    return JSON.stringify({ ...head, msg: message });
  }
  const fields: Record<string, string> = { msg: JSON.parse(`"${structured[1]}"`) as string };
  let rest = structured[2];
  while (rest.length > 0) {
    const pair = /^\s+([A-Za-z0-9_]+)=("(?:[^"\\]|\\.)*"|[^\s"]+)/.exec(rest);
    if (!pair) {
      return JSON.stringify({ ...head, msg: message });
    }
    fields[pair[1]] = pair[2].startsWith('"') ? (JSON.parse(pair[2]) as string) : pair[2];
    rest = rest.slice(pair[0].length);
  }
  return JSON.stringify({ ...head, ...fields });
}

/** Formats for kubelet / control-plane messages. `message` is the text after the klog header. */
export const KUBELET_FORMATS: Record<string, (message: string) => string> = {
  klog: (m) => `E0806 07:59:04.839883    1498 kubelet.go:1991] ${m}`,
  journald: (m) =>
    `Aug 06 07:59:04 k8s-wa-2 kubelet[1498]: E0806 07:59:04.839883    1498 kubelet.go:1991] ${m}`,
  'syslog-no-pid': (m) =>
    `Aug  6 07:59:04 k8s-wa-2 kubelet: E0806 07:59:04.839883    1498 kubelet.go:1991] ${m}`,
  'syslog-iso': (m) =>
    `2024-08-06T07:59:04.839883+00:00 k8s-wa-2 kubelet[1498]: E0806 07:59:04.839883    1498 kubelet.go:1991] ${m}`,
  rfc5424: (m) =>
    `2024-08-06T07:59:04.839883+00:00 k8s-wa-2 kubelet 1498 - -  E0806 07:59:04.839883    1498 kubelet.go:1991] ${m}`,
  cri: (m) => `2024-08-06T07:59:04.839883112Z stderr F E0806 07:59:04.839883       1 server.go:123] ${m}`,
  json: jsonLine,
  plain: (m) => m,
};

/** Formats for kernel messages. */
export const KERNEL_FORMATS: Record<string, (message: string) => string> = {
  dmesg: (m) => `[ 1880.554021] ${m}`,
  'dmesg-T': (m) => `[Tue Aug  6 07:56:30 2024] ${m}`,
  'kern.log': (m) => `Aug  6 07:56:30 worker-pleg kernel: [ 1880.554021] ${m}`,
  'journald-k': (m) => `Aug 06 07:56:30 worker-pleg kernel: ${m}`,
  'syslog-iso': (m) => `2024-08-06T07:56:30.554021+00:00 worker-pleg kernel: [ 1880.554021] ${m}`,
  plain: (m) => m,
};

/** Formats for containerd / dockerd / cri-o logrus text. `body` starts at `msg=`. */
export const RUNTIME_FORMATS: Record<string, (body: string) => string> = {
  logfmt: (b) => `time="2024-08-06T07:55:39.017744120Z" level=error ${b}`,
  journald: (b) =>
    `Aug 06 07:55:39 worker-pleg containerd[812]: time="2024-08-06T07:55:39.017744120Z" level=error ${b}`,
  'syslog-no-pid': (b) =>
    `Aug  6 07:55:39 worker-pleg dockerd: time="2024-08-06T07:55:39.017744120+08:00" level=warning ${b}`,
  'syslog-iso': (b) =>
    `2024-08-06T07:55:39.017744+00:00 worker-pleg containerd[812]: time="2024-08-06T07:55:39.017744120Z" level=error ${b}`,
};

/** Formats for other syslog programs (systemd, smartd, sshd, …); `program` is the syslog tag. */
export function syslogFormats(program: string): Record<string, (message: string) => string> {
  return {
    journald: (m) => `Aug 06 07:59:04 worker-1 ${program}[1]: ${m}`,
    'syslog-no-pid': (m) => `Aug  6 07:59:04 worker-1 ${program}: ${m}`,
    'syslog-iso': (m) => `2024-08-06T07:59:04.000001+00:00 worker-1 ${program}[1]: ${m}`,
    plain: (m) => m,
  };
}
