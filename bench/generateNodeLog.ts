// Writes a realistic mixed Kubernetes node log for benchmarks: journald-prefixed klog from the
// kubelet, logrus/logfmt from containerd and dockerd, kernel lines (kern.log and bare dmesg),
// systemd lines, bare klog lines, and a configurable share of problem lines (PLEG, runtime
// timeouts, PID exhaustion, OOM kills, disk full, …). Deterministic for a given seed.
//
//   node out/bench/generateNodeLog.js OUT_FILE [SIZE_MB=200] [PROBLEM_SHARE=0.005] [SEED=1]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export interface GenerateOptions {
  sizeBytes: number;
  /** Share of lines that are node problems, 0–1. */
  problemShare: number;
  /** Share of fine lines that still contain rule keywords (default 0.01). */
  decoyShare?: number;
  seed?: number;
}

const HOSTS = ['ip-10-0-12-34', 'k8s-wa-2', 'node-pool-a-7x2k'];
const PODS = [
  'kube-system/coredns-5d78c9869d-x7k2p',
  'default/web-7d4b9c6f5-abcde',
  'monitoring/node-exporter-9qz4m',
  'payments/api-0',
  'kube-system/kube-proxy-8xk2z',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

class Random {
  constructor(private state: number) {}
  next(): number {
    // xorshift32: fast, deterministic, good enough for picking lines.
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  hex(length: number): string {
    let s = '';
    while (s.length < length) {
      s += this.int(0x100000000).toString(16).padStart(8, '0');
    }
    return s.slice(0, length);
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

interface Clock {
  ms: number;
}

function journald(c: Clock, host: string, unit: string): string {
  const d = new Date(c.ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${host} ${unit}: `;
}

function klog(c: Clock, level: string, pid: number, caller: string): string {
  const d = new Date(c.ms);
  return `${level}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${pad(0, 3)} ${String(pid).padStart(7)} ${caller}] `;
}

function iso(c: Clock): string {
  return new Date(c.ms).toISOString().replace('Z', '123456Z');
}

function uptime(c: Clock, boot: number): string {
  return `[${((c.ms - boot) / 1000).toFixed(6).padStart(12)}]`;
}

type LineMaker = (r: Random, c: Clock, host: string, boot: number) => string;

const ROUTINE: LineMaker[] = [
  (r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'I', 1498, 'kubelet.go:2178')}"SyncLoop (PLEG): event for pod" pod="${r.pick(PODS)}" event={"ID":"${r.hex(8)}-${r.hex(4)}","Type":"${r.pick(['ContainerStarted', 'ContainerDied'])}","Data":"${r.hex(64)}"}`,
  (_r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'I', 1498, 'kubelet_node_status.go:76')}"Attempting to register node" node="${h}"`,
  (r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'I', 1498, 'reconciler_common.go:258')}"operationExecutor.VerifyControllerAttachedVolume started for volume \\"kube-api-access-${r.hex(5)}\\"" pod="${r.pick(PODS)}"`,
  (r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'I', 1498, 'scope.go:117')}"RemoveContainer" containerID="${r.hex(64)}"`,
  (r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'I', 1498, 'prober.go:107')}"Probe failed" probeType="Readiness" pod="${r.pick(PODS)}" podUID="${r.hex(8)}" containerName="app" probeResult="failure" output="HTTP probe failed with statuscode: 503"`,
  (_r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'W', 1498, 'reflector.go:424')}k8s.io/client-go/informers/factory.go:150: watch of *v1.Pod ended with: very short watch`,
  (r, c, h) =>
    `${journald(c, h, 'containerd[812]')}time="${iso(c)}" level=info msg="StartContainer for \\"${r.hex(64)}\\" returns successfully"`,
  (r, c, h) =>
    `${journald(c, h, 'containerd[812]')}time="${iso(c)}" level=info msg="shim disconnected" id=${r.hex(64)} namespace=k8s.io`,
  (_r, c, h) =>
    `${journald(c, h, 'containerd[812]')}time="${iso(c)}" level=info msg="ImageCreate event name:\\"registry.k8s.io/pause:3.9\\" labels:{key:\\"io.cri-containerd.image\\" value:\\"managed\\"}"`,
  (r, c, h) =>
    `${journald(c, h, 'dockerd[990]')}time="${iso(c)}" level=info msg="ignoring event" container=${r.hex(64)} module=libcontainerd namespace=moby topic=/tasks/delete type="*events.TaskDelete"`,
  (r, c, h, b) =>
    `${journald(c, h, 'kernel')}${uptime(c, b)} IPv6: ADDRCONF(NETDEV_CHANGE): cali${r.hex(11)}: link becomes ready`,
  (r, c, h, b) =>
    `${journald(c, h, 'kernel')}${uptime(c, b)} cni0: port ${1 + r.int(9)}(veth${r.hex(8)}) entered forwarding state`,
  (_r, c, h) => `${journald(c, h, 'systemd[1]')}Started Session ${c.ms % 1000} of user core.`,
  (r, c, h) =>
    `${journald(c, h, 'systemd[1]')}run-containerd-runc-k8s.io-${r.hex(64)}-runc.${r.hex(6)}.mount: Deactivated successfully.`,
  (r, c) =>
    `${klog(c, 'I', 2211, 'round_trippers.go:553')}GET https://10.0.0.1:6443/api/v1/nodes/${r.pick(HOSTS)}?timeout=10s 200 OK in ${r.int(40)} milliseconds`,
  (r, c, _h, b) => `${uptime(c, b)} eth0: renamed from tmp${r.int(99999)}`,
];

/** Lines that contain words the rules look for but are fine (kubelet restarts, PLEG events). */
const DECOYS: LineMaker[] = [
  (_r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'I', 1498, 'kubelet.go:2347')}"Starting kubelet main sync loop"`,
  (_r, c, h) => `${journald(c, h, 'systemd[1]')}Started Kubernetes kubelet.`,
  (r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'I', 1498, 'generic.go:334')}"Generic (PLEG): container finished" podID="${r.hex(8)}" containerID="${r.hex(64)}" exitCode=0`,
  (_r, c, h, b) =>
    `${journald(c, h, 'kernel')}${uptime(c, b)} IPv6: ADDRCONF(NETDEV_UP): eth0: link is not ready`,
];

const PROBLEMS: LineMaker[] = [
  (r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'E', 1498, 'kubelet.go:1991')}"Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active ${3 + r.int(5)}m${r.int(60)}.${r.int(999999)}s ago; threshold is 3m0s"`,
  (_r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'E', 1498, 'remote_runtime.go:390')}"ListContainers with filter from runtime service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded" filter="&ContainerFilter{Id:,State:nil,PodSandboxId:,LabelSelector:map[string]string{},}"`,
  (_r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'E', 1498, 'kubelet.go:2412')}"Container runtime not ready" runtimeReady="RuntimeReady=false reason: message:docker: failed to get docker version: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"`,
  (_r, c, h) =>
    `${journald(c, h, 'kube-proxy')}${klog(c, 'E', 3904, 'proxier.go:1469')}Failed to ensure that nat chain KUBE-SERVICES exists: error creating chain "KUBE-SERVICES": fork/exec /usr/sbin/iptables: resource temporarily unavailable:`,
  (r, c, h) =>
    `${journald(c, h, 'dockerd[990]')}time="${iso(c)}" level=warning msg="failed to retrieve runc version: fork/exec /usr/bin/runc: resource temporarily unavailable" id=${r.hex(12)}`,
  (r, c, h, b) =>
    `${journald(c, h, 'kernel')}${uptime(c, b)} Memory cgroup out of memory: Killed process ${1000 + r.int(60000)} (java) total-vm:9125676kB, anon-rss:4189012kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:8760kB oom_score_adj:983`,
  (_r, c, h, b) =>
    `${journald(c, h, 'kernel')}${uptime(c, b)} INFO: task dockerd:1523 blocked for more than 120 seconds.`,
  (r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'E', 1498, 'kubelet_node_status.go:540')}"Error updating node status, will retry" err="error getting node \\"${h}\\": Get \\"https://10.0.0.1:6443/api/v1/nodes/${h}?timeout=10s\\": context deadline exceeded" attempt=${r.int(5)}`,
  (r, c, h) =>
    `${journald(c, h, 'containerd[812]')}time="${iso(c)}" level=error msg="StopPodSandbox for \\"${r.hex(64)}\\" failed" error="rpc error: code = DeadlineExceeded desc = context deadline exceeded"`,
  (_r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'E', 1498, 'kubelet.go:2412')}"Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"`,
  (r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'E', 1498, 'pod_workers.go:1300')}"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with ImagePullBackOff: \\"Back-off pulling image \\\\\\"registry.example.com/app:1.${r.int(9)}\\\\\\"\\"" pod="${r.pick(PODS)}"`,
  (_r, c, h) =>
    `${journald(c, h, 'kubelet[1498]')}${klog(c, 'W', 1498, 'eviction_manager.go:366')}"Eviction manager: attempting to reclaim" resourceName="ephemeral-storage"`,
  (_r, c, h, b) =>
    `${journald(c, h, 'kernel')}${uptime(c, b)} EXT4-fs (nvme0n1p1): Remounting filesystem read-only`,
  (r, c, h) =>
    `${journald(c, h, 'containerd[812]')}time="${iso(c)}" level=error msg="failed to write log" error="write /var/lib/containerd/io.containerd.grpc.v1.cri/containers/${r.hex(64)}/log: no space left on device"`,
];

/**
 * Writes about `sizeBytes` of log to `file` and resolves with the line and problem-line counts.
 *
 * @example await generateNodeLog('bench/data/node-200MB.log', { sizeBytes: 200 * 2 ** 20, problemShare: 0.005 })
 */
export async function generateNodeLog(
  file: string,
  o: GenerateOptions,
): Promise<{ lines: number; problems: number; bytes: number }> {
  const r = new Random(o.seed ?? 1);
  const out = createWriteStream(file);
  const boot = Date.UTC(2024, 7, 6, 0, 0, 0);
  const clock: Clock = { ms: boot + 3_600_000 };
  let bytes = 0;
  let lines = 0;
  let problems = 0;
  let batch: string[] = [];
  let batchBytes = 0;
  while (bytes + batchBytes < o.sizeBytes) {
    const host = HOSTS[0];
    clock.ms += r.int(40);
    const roll = r.next();
    const isProblem = roll < o.problemShare;
    const isDecoy = !isProblem && roll < o.problemShare + (o.decoyShare ?? 0.01);
    const line = (isProblem ? r.pick(PROBLEMS) : isDecoy ? r.pick(DECOYS) : r.pick(ROUTINE))(
      r,
      clock,
      host,
      boot,
    );
    if (isProblem) {
      problems++;
    }
    batch.push(line);
    batchBytes += line.length + 1;
    lines++;
    if (batchBytes >= 4 * 1024 * 1024) {
      bytes += batchBytes;
      if (!out.write(batch.join('\n') + '\n')) {
        await once(out, 'drain');
      }
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) {
    bytes += batchBytes;
    out.write(batch.join('\n') + '\n');
  }
  out.end();
  await once(out, 'finish');
  return { lines, problems, bytes };
}

if (require.main === module) {
  const [file, sizeMb = '200', share = '0.005', seed = '1'] = process.argv.slice(2);
  if (!file) {
    process.stderr.write(
      'usage: node out/bench/generateNodeLog.js OUT_FILE [SIZE_MB] [PROBLEM_SHARE] [SEED]\n',
    );
    process.exit(2);
  }
  generateNodeLog(file, {
    sizeBytes: Number(sizeMb) * 1048576,
    problemShare: Number(share),
    seed: Number(seed),
  }).then(
    (r) =>
      process.stdout.write(
        `${file}: ${r.lines} lines, ${r.problems} problem lines, ${(r.bytes / 1048576).toFixed(1)} MB\n`,
      ),
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
