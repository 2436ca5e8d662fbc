/**
 * Table of rule cases: messages each rule must flag (in every format of its family), and look-alikes it
 * must leave alone. Old and new kubelet wordings are both listed where they differ.
 */
import { KERNEL_FORMATS, KUBELET_FORMATS, RUNTIME_FORMATS, syslogFormats } from './lineFormats';

export type Family = Record<string, (message: string) => string>;

export interface RuleCase {
  family: Family;
  /** Messages the rule must flag, as the only finding of the line. */
  match: string[];
  /** Look-alikes that must produce no finding at all. */
  benign?: string[];
  /** Lines that belong to another rule (given by id): checks the priority order. */
  other?: Array<[string, string]>;
}

const kubelet = KUBELET_FORMATS;
const kernel = KERNEL_FORMATS;
const runtime = RUNTIME_FORMATS;
const plain: Family = { plain: (m) => m };

export const RULE_CASES: Record<string, RuleCase> = {
  'inotify-watch-limit': {
    family: kubelet,
    match: [
      '"Failed to start cAdvisor" err="inotify_add_watch /sys/fs/cgroup/cpu,cpuacct: no space left on device"',
      'Failed to watch directory "/sys/fs/cgroup/memory/kubepods/pod1": inotify_add_watch /sys/fs/cgroup/memory/kubepods/pod1: no space left on device',
      '"failed to create fsnotify watcher" err="too many open files"',
      'tail: inotify resources exhausted',
    ],
    other: [['disk-full', 'write /var/lib/docker/tmp/x: no space left on device']],
  },
  'pleg-never-ran': {
    family: kubelet,
    match: [
      '"Skipping pod synchronization" err="[container runtime status check may not have completed yet, PLEG is not healthy: pleg has yet to be successful]"',
      'skipping pod synchronization - [container runtime is down PLEG is not healthy: pleg was last seen active 2562047h47m16.854775807s ago; threshold is 3m0s]',
      'PLEG is not healthy: pleg has yet to be successful',
    ],
  },
  'pleg-not-healthy': {
    family: kubelet,
    match: [
      '"Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 6m57.173099499s ago; threshold is 3m0s"',
      'skipping pod synchronization - PLEG is not healthy: pleg was last seen active 3m3.928932625s ago; threshold is 3m0s',
      'skipping pod synchronization - [PLEG is not healthy: pleg was last seen active 6m11.84971921s ago; threshold is 3m0s]',
      'skipping pod synchronization - [container runtime is down PLEG is not healthy: pleg was last seen active 4m8.1s ago; threshold is 3m0s]',
      '"Skipping pod synchronization" err="[container runtime is down, PLEG is not healthy: pleg was last seen active 9m7.552318s ago; threshold is 3m0s]"',
      '"Node became not ready" node="worker-pleg" condition={"type":"Ready","status":"False","reason":"KubeletNotReady","message":"PLEG is not healthy: pleg was last seen active 6m58.334912s ago; threshold is 3m0s"}',
      'Node became not ready: {Type:Ready Status:False Reason:KubeletNotReady Message:PLEG is not healthy: pleg was last seen active 3m4.93s ago; threshold is 3m0s}',
      'PLEG is not healthy: pleg was last seen active 1h17m57.165844739s ago; threshold is 10m0s',
    ],
    benign: [
      '"SyncLoop (PLEG): event for pod" pod="default/web-0" event={"ID":"4f2c","Type":"ContainerStarted","Data":"9d8c"}',
      '"SyncLoop (PLEG): event for pod" pod="default/web-0" event={"ID":"4f2c","Type":"ContainerDied","Data":"9d8c"}',
      'SyncLoop (PLEG): "web-0_default(4f2c)", event: &pleg.PodLifecycleEvent{ID:"4f2c", Type:"ContainerStarted", Data:"8dcb"}',
      '"Generic (PLEG): container finished" podID="4f2c" containerID="3b1f" exitCode=0',
    ],
  },
  'pid-exhaustion': {
    family: kubelet,
    match: [
      'Failed to execute iptables-save, syncing all rules: fork/exec /usr/sbin/iptables-save: resource temporarily unavailable',
      '"Failed to ensure chain exists" err="error creating chain \\"KUBE-SERVICES\\": fork/exec /usr/sbin/iptables: resource temporarily unavailable"',
      'RunPodSandbox from runtime service failed: rpc error: code = Unknown desc = OCI runtime create failed: starting container process caused "fork/exec /proc/self/exe: resource temporarily unavailable": unknown',
      'runtime/cgo: pthread_create failed: Resource temporarily unavailable',
      'runtime: failed to create new OS thread (have 9 already; errno=11)',
    ],
    benign: [
      'read unix @->/run/containerd/containerd.sock: read: resource temporarily unavailable',
      'accept4: resource temporarily unavailable; retrying in 5ms',
    ],
  },
  'inode-full': {
    family: kubelet,
    match: [
      '"Eviction manager: attempting to reclaim" resourceName="nodefs.inodesFree"',
      'The node was low on resource: inodes. Threshold quantity: 5%, available: 1021.',
    ],
    benign: [
      'eviction manager: observations after resource reclaim: signal=nodefs.inodesFree, available: 104781035, capacity: 104857600',
    ],
  },
  'disk-full': {
    family: kubelet,
    match: [
      '"Failed to write to log" err="write /var/log/pods/default_web-0_4f2c/web/0.log: no space left on device"',
      'failed to pull and unpack image "docker.io/library/redis:7": failed to extract layer sha256:7c8d: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs/x: no space left on device: unknown',
      'mkdir /var/lib/kubelet/pods/4f2c/volumes: disk quota exceeded',
    ],
    benign: [
      'EXT4-fs (sda1): mounted filesystem with ordered data mode',
      '"Eviction manager: failed to get summary stats" err="failed to get node info: node \\"w\\" not found"',
    ],
  },
  'fd-exhaustion': {
    family: kubelet,
    match: [
      'http: Accept error: accept tcp [::]:10250: accept4: too many open files; retrying in 1s',
      '"Failed to open port for service" err="listen tcp4 :30080: socket: too many open files"',
    ],
    other: [['inotify-watch-limit', '"failed to create fsnotify watcher: too many open files"']],
  },
  'readonly-remount': {
    family: kernel,
    match: [
      'EXT4-fs (sdb1): Remounting filesystem read-only',
      'XFS (dm-3): Log I/O Error (0x2) detected at xfs_fs_goingdown+0x4a/0x80 [xfs] (fs/xfs/xfs_fsops.c:825).  Shutting down filesystem.',
    ],
    benign: [
      'EXT4-fs (sda1): re-mounted. Opts: errors=remount-ro',
      'EXT4-fs (sda1): mounted filesystem with ordered data mode. Opts: (null)',
    ],
  },
  'readonly-fs-write': {
    family: kubelet,
    match: [
      'CreateContainer in sandbox "81a5bbcb" from runtime service failed: rpc error: code = Unknown desc = failed to mkdir log: mkdir log: read-only file system',
      '"Failed to create directory" err="mkdir /var/lib/kubelet/pods/3c9e/volumes: read-only file system"',
    ],
    benign: [
      '"Failed to set sysctl" err="open /proc/sys/net/ipv4/conf/all/route_localnet: read-only file system"',
      'level=error msg="cannot write cache" error="open /tmp/app/cache.db: read-only file system"',
    ],
  },
  'cert-expired': {
    family: kubelet,
    match: [
      '"Failed to ensure lease exists, will retry" err="Get \\"https://10.0.0.10:6443/x\\": x509: certificate has expired or is not yet valid: current time 2024-09-14T06:10:00Z is after 2024-09-13T11:22:33Z"',
      'Part of the existing bootstrap client certificate in /etc/kubernetes/kubelet.conf is expired: 2024-09-13 11:22:33 +0000 UTC',
    ],
    benign: [
      '"Certificate rotation detected, shutting down client connections to start using new credentials"',
    ],
  },
  'docker-daemon-unreachable': {
    family: kubelet,
    match: [
      'GenericPLEG: Unable to retrieve pods: cannot connect to Docker endpoint',
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      'Version from runtime service failed: rpc error: code = Unknown desc = Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      'Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.40/containers/json": dial unix /var/run/docker.sock: connect: connection refused',
      'rpc error: code = Unknown desc = error during connect: Get http://%2Fvar%2Frun%2Fdocker.sock/v1.38/containers/json?all=1: read unix @->/var/run/docker.sock: read: connection reset by peer',
    ],
  },
  'runtime-socket-unreachable': {
    family: kubelet,
    match: [
      '"ListContainers with filter from runtime service failed" err="rpc error: code = Unavailable desc = error reading from server: read unix @->/run/containerd/containerd.sock: read: connection reset by peer"',
      '"Failed to get the container runtime version" err="rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing dial unix /run/containerd/containerd.sock: connect: connection refused\\""',
      'dial unix /var/run/crio/crio.sock: connect: no such file or directory',
    ],
  },
  'runtime-down': {
    family: kubelet,
    match: [
      '"Skipping pod synchronization" err="container runtime is down"',
      'skipping pod synchronization - [container runtime is down]',
    ],
  },
  'runtime-not-ready': {
    family: kubelet,
    match: [
      '"Container runtime not ready" runtimeReady="RuntimeReady=false reason:ContainerdNotReady message:containerd is not ready"',
      'Container runtime not ready: RuntimeReady=false reason:DockerDaemonNotReady message:docker: failed to get docker version',
    ],
  },
  'runtime-status-pending': {
    family: kubelet,
    match: ['"Skipping pod synchronization" err="container runtime status check may not have completed yet"'],
  },
  'cni-not-ready': {
    family: kubelet,
    match: [
      '"Container runtime network not ready" networkReady="NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"',
      'Container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized',
      'runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      '"Error syncing pod, skipping" err="network is not ready: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized" pod="default/api-7c9d"',
    ],
  },
  'runtime-service-failed': {
    family: syslogFormats('systemd'),
    match: [
      'INFO exited: dockerd (exit status 1; not expected)',
      'containerd.service: Main process exited, code=killed, status=9/KILL',
      "docker.service: Failed with result 'exit-code'.",
      'containerd.service: Scheduled restart job, restart counter is at 4.',
    ],
    benign: [
      'containerd.service: Main process exited, code=exited, status=0/SUCCESS',
      'Started containerd.service - containerd container runtime.',
    ],
  },
  'kubelet-crashloop': {
    family: syslogFormats('systemd'),
    match: [
      'INFO exited: kubelet (exit status 2; expected)',
      'kubelet.service: Main process exited, code=exited, status=1/FAILURE',
      "kubelet.service: Failed with result 'exit-code'.",
      'kubelet.service: Scheduled restart job, restart counter is at 12.',
    ],
    benign: [
      'INFO exited: kubelet (exit status 0; expected)',
      'kubelet.service: Deactivated successfully.',
      'Started kubelet.service - kubelet: The Kubernetes Node Agent.',
    ],
  },
  'kubelet-start-failed': {
    family: kubelet,
    match: [
      '"command failed" err="failed to run Kubelet: running with swap on is not supported, please disable swap or set --fail-swap-on flag to false"',
      'failed to run Kubelet: misconfiguration: kubelet cgroup driver: "systemd" is different from docker cgroup driver: "cgroupfs"',
      '"Failed to start ContainerManager" err="failed to initialise top level QOS containers: root container [kubepods] doesn\'t exist"',
    ],
  },
  'node-status-unknown': {
    family: plain,
    match: [
      '  Ready            Unknown   Thu, 18 Feb 2021 10:41:12 +0800   Thu, 18 Feb 2021 10:45:55 +0800   NodeStatusUnknown   Kubelet stopped posting node status.',
      'Kubelet never posted node status.',
      'I0806 07:59:40.100001       1 node_lifecycle_controller.go:1207] "Node is unresponsive. Adding it to the Taint queue" node="worker-7"',
      'I0806 07:59:40.100101       1 node_lifecycle_controller.go:853] "Node hasn\'t been updated" node="worker-7" duration="50.012s" condition="Ready"',
      "Node worker-7 hasn't been updated for 40.012s. Last Ready is: &NodeCondition{Type:Ready,Status:True}",
    ],
  },
  'node-status-update-failed': {
    family: kubelet,
    match: [
      '"Error updating node status, will retry" err="error getting node \\"worker-7\\": Get \\"https://10.0.0.10:6443/api/v1/nodes/worker-7?timeout=10s\\": context deadline exceeded"',
      'Error updating node status, will retry: error getting node "node-3": Get https://10.0.0.10:6443/api/v1/nodes/node-3?timeout=10s: net/http: request canceled (Client.Timeout exceeded while awaiting headers)',
      'Unable to update node status: update node status exceeds retry count',
      '"Unable to register node with API server" err="Unauthorized" node="mk8s"',
      'Unable to register node "mk8s.example.net" with API server: Unauthorized',
    ],
  },
  'lease-update-failed': {
    family: kubelet,
    match: [
      '"Failed to update lease" err="Put \\"https://10.0.0.10:6443/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/w?timeout=10s\\": context deadline exceeded"',
      'failed to update lease, error: Put https://10.0.0.10:6443/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/w: net/http: TLS handshake timeout',
      '"Failed to ensure lease exists, will retry" err="Get \\"https://10.0.0.10:6443/x\\": dial tcp 10.0.0.10:6443: connect: connection refused" interval="7s"',
    ],
    benign: [
      '"Failed to update lease using latest lease, fallback to ensure lease" err="failed 5 attempts to update lease"',
    ],
  },
  'leader-election-lost': {
    family: plain,
    match: [
      'I0806 08:12:10.000101       1 leaderelection.go:285] failed to renew lease kube-system/kube-controller-manager: timed out waiting for the condition',
      'E0806 08:12:10.000201       1 controllermanager.go:331] "leaderelection lost"',
    ],
    benign: [
      'I0806 07:50:05.000001       1 leaderelection.go:260] successfully acquired lease kube-system/kube-controller-manager',
    ],
  },
  'all-nodes-not-ready': {
    family: plain,
    match: [
      'I0806 08:06:00.000001       1 node_lifecycle_controller.go:1021] "Controller detected that all Nodes are not-Ready. Entering master disruption mode"',
    ],
    benign: [
      'I0806 08:09:00.000001       1 node_lifecycle_controller.go:1045] "Controller detected that some Nodes are Ready. Exiting master disruption mode"',
    ],
  },
  'syncloop-stalled': {
    family: kubelet,
    match: [
      '"SyncLoop health check failed" err="sync Loop took longer than expected"',
      'syncloop failed: sync Loop took longer than expected',
    ],
  },
  'runtime-task-hung': {
    family: kernel,
    match: [
      'INFO: task docker:1290 blocked for more than 120 seconds.',
      'INFO: task containerd-shim:20931 blocked for more than 120 seconds.',
      'INFO: task dockerd:1290 blocked for more than 600 seconds.',
    ],
  },
  'hung-task': {
    family: kernel,
    match: [
      'INFO: task jbd2/sdb1-8:412 blocked for more than 120 seconds.',
      'INFO: task df:23001 blocked for more than 120 seconds.',
      'INFO: task kworker/u16:2:1234 blocked for more than 120 seconds.',
    ],
    benign: [
      '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.',
      '      Not tainted 5.15.0-116-generic #126-Ubuntu',
    ],
  },
  'nfs-hang': {
    family: kernel,
    match: [
      'nfs: server 10.20.0.5 not responding, still trying',
      'nfs: server nas01.example.com not responding, timed out',
      'lockd: server 10.20.0.5 not responding, still trying',
    ],
    benign: ['nfs: server 10.20.0.5 OK'],
  },
  'kernel-oops': {
    family: kernel,
    match: [
      'BUG: unable to handle kernel NULL pointer dereference at 0000000000000008',
      'BUG: kernel NULL pointer dereference, address: 0000000000000008',
      'divide error: 0000 [#1] SMP',
      'Oops: 0000 [#1] SMP NOPTI',
      'kernel BUG at mm/slub.c:305!',
      'general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] SMP PTI',
      'Kernel panic - not syncing: Fatal exception in interrupt',
    ],
  },
  'soft-lockup': {
    family: kernel,
    match: [
      'watchdog: BUG: soft lockup - CPU#2 stuck for 23s! [containerd-shim:20931]',
      'rcu: INFO: rcu_sched detected stalls on CPUs/tasks:',
      'NMI watchdog: Watchdog detected hard LOCKUP on cpu 3',
    ],
  },
  'unregister-netdevice': {
    family: kernel,
    match: [
      'unregister_netdevice: waiting for eth0 to become free. Usage count = 1',
      'unregister_netdevice: waiting for lo to become free. Usage count = 2',
    ],
  },
  'hardware-error-fatal': { family: kernel, match: ['{2}[Hardware Error]: event severity: fatal'] },
  'hardware-error': {
    family: kernel,
    match: [
      '{1}[Hardware Error]: event severity: corrected',
      '{1}[Hardware Error]: event severity: recoverable',
      'EDAC MC0: 1 CE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0 (channel:1 slot:0)',
      'mce: [Hardware Error]: Machine check events logged',
    ],
    benign: ['{1}[Hardware Error]: Hardware error from APEI Generic Hardware Error Source: 0'],
  },
  'filesystem-error': {
    family: kernel,
    match: [
      'Cannot restart container 67aa357aee66: lstat /var/lib/docker/containers/67aa357aee66/hosts: structure needs cleaning',
      'EXT4-fs error (device sdb1): ext4_journal_check_start:83: comm kubelet: Detected aborted journal',
      'Aborting journal on device sdb1-8.',
      'XFS (dm-3): metadata I/O error in "xfs_trans_read_buf_map" at daddr 0x1a3 len 8 error 5',
      'XFS (sdc): Corruption detected. Unmount and run xfs_repair',
    ],
  },
  'filesystem-warning': {
    family: kernel,
    match: [
      'EXT4-fs warning (device sda1): ext4_dx_add_entry:2346: Directory (ino: 1311234) index full, reach max htree level :2',
    ],
  },
  'disk-io-error': {
    family: kernel,
    match: [
      'Buffer I/O error on dev sdb1, logical block 230400, lost async page write',
      'blk_update_request: I/O error, dev sdb, sector 1843456 op 0x1:(WRITE) flags 0x800 phys_seg 8 prio class 0',
      'print_req_error: I/O error, dev nvme1n1, sector 2048',
      'I/O error, dev sda, sector 20480 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2',
      'sd 2:0:0:0: [sdb] tag#12 FAILED Result: hostbyte=DID_OK driverbyte=DRIVER_SENSE',
    ],
  },
  'conntrack-table-full': {
    family: kernel,
    match: [
      'nf_conntrack: nf_conntrack: table full, dropping packet',
      'nf_conntrack: table full, dropping packet',
    ],
  },
  'neighbour-table-overflow': {
    family: kernel,
    match: ['neighbour: arp_cache: neighbor table overflow!', 'neighbour table overflow'],
  },
  'tcp-out-of-memory': { family: kernel, match: ['TCP: out of memory -- consider tuning tcp_mem'] },
  'oom-kill': {
    family: kernel,
    match: [
      'Memory cgroup out of memory: Killed process 31522 (java) total-vm:8123452kB, anon-rss:4123388kB, file-rss:0kB, shmem-rss:0kB',
      'Out of memory: Killed process 1498 (kubelet) total-vm:2311000kB, anon-rss:301000kB, file-rss:0kB, shmem-rss:0kB',
      'Out of memory: Kill process 2210 (dockerd) score 12 or sacrifice child',
      'Memory cgroup out of memory: Kill process 4242 (node) score 1990 or sacrifice child',
    ],
    benign: [
      'java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=985',
      'oom_reaper: reaped process 31522 (java), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
    ],
  },
  'image-pull-failure': {
    family: kubelet,
    match: [
      'level=error msg="cancel pulling image registry.example.com/web:1.4.3 because of no progress in 1m0s"',
      '"PullImage from image service failed" err="rpc error: code = NotFound desc = failed to pull and unpack image \\"registry.example.com/web:1.4.3\\": failed to resolve reference \\"registry.example.com/web:1.4.3\\": not found" image="registry.example.com/web:1.4.3"',
      'PullImage "nginx:latset" from image service failed: rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:latset not found: manifest unknown: manifest unknown',
      '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with ImagePullBackOff: \\"Back-off pulling image \\\\\\"registry.internal/app:2\\\\\\"\\"" pod="default/app-0"',
      'Failed to pull image "private.example.com/app:1": rpc error: code = Unknown desc = Error response from daemon: pull access denied for private.example.com/app, repository does not exist or may require \'docker login\'',
      'Error trying v2 registry: failed to register layer: rename /var/lib/docker/image/overlay2/layerdb/tmp/write-set-1 /var/lib/docker/image/overlay2/layerdb/sha256/abc: directory not empty',
    ],
    benign: [
      '"Event occurred" object="default/web-1" kind="Pod" type="Normal" reason="Pulled" message="Successfully pulled image \\"nginx:1.27\\" in 2.9s"',
      '"Event occurred" object="default/web-1" kind="Pod" type="Normal" reason="Pulling" message="Pulling image \\"nginx:1.27\\""',
    ],
  },
  'volume-mount-failed': {
    family: kubelet,
    match: [
      '"Unable to attach or mount volumes for pod; skipping pod" err="unmounted volumes=[data], unattached volumes=[data]: timed out waiting for the condition" pod="db/postgres-0"',
      'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
    ],
    benign: ['MountVolume.SetUp succeeded for volume "kube-api-access-x8k2p"'],
  },
  'runtime-timeout': {
    family: kubelet,
    match: [
      '"RunPodSandbox from runtime service failed" err="rpc error: code = Unknown desc = error reserving pod name k8s_web-7d9_default_45d9_0 for id f0325581e954: name is reserved"',
      '"ListPodSandbox with filter from runtime service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded" filter="nil"',
      'ListContainers with filter &ContainerFilter{} from runtime service failed: rpc error: code = 4 desc = context deadline exceeded',
      'PodSandboxStatus of sandbox "3b9f" for pod "jenkins-agent_ci(7f1e)" error: rpc error: code = Unknown desc = operation timeout: context deadline exceeded',
      '"CreatePodSandbox for pod failed" err="rpc error: code = Unknown desc = failed to reserve sandbox name \\"api_default_62d7_0\\": name \\"api_default_62d7_0\\" is reserved for \\"62d7\\""',
      '"Container runtime sanity check failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
    ],
    benign: [
      '"Probe errored" err="rpc error: code = DeadlineExceeded desc = failed to exec in container: timeout 1s exceeded: context deadline exceeded" probeType="Liveness"',
      'retrying of unary invoker failed" target="etcd-endpoints://0xc000/127.0.0.1:2379" error="rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
    ],
    other: [
      [
        'node-status-update-failed',
        '"Error updating node status, will retry" err="error getting node \\"w\\": Get \\"https://10.0.0.10:6443/api/v1/nodes/w\\": context deadline exceeded"',
      ],
    ],
  },
  'runtime-sanity-check-failed': {
    family: kubelet,
    match: [
      '"Container runtime sanity check failed" err="rpc error: code = Unknown desc = server is not initialized yet"',
    ],
  },
  'pleg-relist-failed': {
    family: kubelet,
    match: [
      '"GenericPLEG: Unable to retrieve pods" err="rpc error: code = Unknown desc = failed to list sandboxes"',
      'Event channel is full, discard this relist() cycle event',
    ],
    other: [
      [
        'runtime-timeout',
        '"GenericPLEG: Unable to retrieve pods" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
      ],
    ],
  },
  'cni-setup-failed': {
    family: kubelet,
    match: [
      '"CreatePodSandbox for pod failed" err="rpc error: code = Unknown desc = failed to setup network for sandbox \\"5e1f\\": plugin type=\\"calico\\" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized" pod="default/api-7c9d"',
      'Failed create pod sandbox: rpc error: code = Unknown desc = NetworkPlugin cni failed to set up pod "kube-dns-86f4_kube-system" network: stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/',
      'failed to set up sandbox container "f589" network for pod "nginx-6bbb": networkPlugin cni failed to set up pod "nginx-6bbb_default" network: failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254',
      'plugin type="flannel" failed (add): failed to find plugin "flannel" in path [/opt/cni/bin]',
    ],
  },
  'unmount-busy': {
    family: kubelet,
    match: [
      'UnmountVolume.TearDown failed for volume "data" : unlinkat /var/lib/kubelet/pods/8d2e/volumes/kubernetes.io~empty-dir/data: device or resource busy',
      'Error removing mounted layer 3f2a: remove /var/lib/docker/overlay2/9c1d/merged: device or resource busy',
      'umount: /var/lib/kubelet/pods/7f6e/volumes/kubernetes.io~csi/pvc-5e1f/mount: target is busy.',
    ],
  },
  'zombie-process': {
    family: plain,
    match: [
      'root     112455 112400  0 Jun15 ?        00:00:00 [prometheus] <defunct>',
      'Jun 16 09:16:00 node-222 kernel: containerd-shim left zombie processes behind',
    ],
    benign: ['zombie-reaper: reaped 0 children'],
  },
  'container-kill-failed': {
    family: kubelet,
    match: [
      '"Kill container failed" err="rpc error: code = Unknown desc = Error response from daemon: cannot stop container: 3f2a: tried to kill container, but did not receive an exit event"',
    ],
  },
  'docker-overlay2-corrupt': {
    family: runtime,
    match: [
      'msg="Handler for GET /v1.40/containers/3f2a/json returned error: readlink /var/lib/docker/overlay2/l/ABCDEF: invalid argument"',
    ],
  },
  'container-start-failed': {
    family: runtime,
    match: [
      'msg="failed to create containerd task" error="failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: \\"/app/server\\": stat /app/server: no such file or directory: unknown"',
      'msg="Error: OCI runtime start failed: container process is already dead: unknown"',
      'msg="RunPodSandbox from runtime service failed: rpc error: code = Unknown desc = cri-o configured with systemd cgroup manager, but did not receive slice as parent"',
    ],
    other: [
      [
        'pid-exhaustion',
        'msg="OCI runtime create failed: container_linux.go:348: starting container process caused \\"fork/exec /proc/self/exe: resource temporarily unavailable\\": unknown"',
      ],
    ],
  },
  'pod-eviction': {
    family: kubelet,
    match: [
      '"Eviction manager: attempting to reclaim" resourceName="memory"',
      '"Eviction manager: must evict pod(s) to reclaim" resourceName="ephemeral-storage"',
      'The node was low on resource: ephemeral-storage. Threshold quantity: 10%, available: 1021Mi.',
      '"Event occurred" object="default/web-0" kind="Pod" type="Normal" reason="TaintManagerEviction" message="Marking for deletion Pod default/web-0"',
    ],
    benign: [
      '"Eviction manager: failed to get summary stats" err="failed to get node info: node \\"w\\" not found"',
    ],
  },
  'node-memory-pressure': {
    family: kubelet,
    match: ['"Recording event message for node" node="w" event="NodeHasInsufficientMemory"'],
    benign: [
      '"Recording event message for node" node="w" event="NodeHasSufficientMemory"',
      'kubelet has sufficient memory available',
    ],
  },
  'node-pid-pressure': {
    family: kubelet,
    match: ['"Recording event message for node" node="w" event="NodeHasInsufficientPID"'],
    benign: ['"Recording event message for node" node="w" event="NodeHasSufficientPID"'],
  },
  'node-disk-pressure': {
    family: kubelet,
    match: [
      '"Recording event message for node" node="w" event="NodeHasDiskPressure"',
      '"Image garbage collection failed" err="failed to garbage collect required amount of images. Wanted to free 4294967296 bytes, but freed 0 bytes"',
    ],
    benign: [
      '"Recording event message for node" node="w" event="NodeHasNoDiskPressure"',
      '"Image garbage collection failed once. Stats initialization may not have completed yet" err="invalid capacity 0 on image filesystem"',
    ],
  },
  'missing-node-capacity': {
    family: kubelet,
    match: ['"Skipping pod synchronization" err="[Missing node capacity for resources: ephemeral-storage]"'],
  },
  'crashloop-backoff': {
    family: kubelet,
    match: [
      '"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with CrashLoopBackOff: \\"back-off 5m0s restarting failed container=app pod=app-0_default(3a2b)\\"" pod="default/app-0"',
      'Back-off restarting failed container app in pod app-0_default(3a2b)',
    ],
  },
  'orphaned-pod-volumes': {
    family: kubelet,
    match: [
      '"There were many similar errors. Turn up verbosity to see them." err="orphaned pod \\"5b7e3c1a-2f4d-4e6b-8a9c-0d1e2f3a4b5c\\" found, but volume paths are still present on disk" numErrs=3',
      'Orphaned pod "5b7e3c1a-2f4d-4e6b-8a9c-0d1e2f3a4b5c" found, but volume paths are still present on disk : There were a total of 2 errors similar to this. Turn up verbosity to see them.',
    ],
  },
  'process-crash': {
    family: syslogFormats('abrt-notification'),
    match: [
      'Process 4242 (kubelet) crashed in runtime.throw()',
      'Process 1234 (python3) of user 1000 encountered an uncaught ValueError exception',
    ],
  },
  'cert-untrusted': {
    family: kubelet,
    match: [
      '"Unable to authenticate the request" err="[x509: certificate signed by unknown authority, verifying certificate SN=1]"',
    ],
  },
  'pod-sync-skipped': {
    family: kubelet,
    match: [
      'skipping pod synchronization - [Kubelet failed to get node info.]',
      '"Skipping pod synchronization" err="some unknown runtime error"',
    ],
  },
  'node-not-ready': {
    family: kubelet,
    match: [
      '"Node not becoming ready in time after startup"',
      '"Recording event message for node" node="worker-7" event="NodeNotReady"',
      '"Node became not ready" node="w" condition={"type":"Ready","status":"False","reason":"KubeletNotReady","message":"node is shutting down"}',
    ],
    benign: ['"Node became ready" node="worker-1"'],
  },
};
