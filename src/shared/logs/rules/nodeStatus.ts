import { CMD, defineRule } from './defineRule';

const heartbeatCommands = [
  CMD.describeNode,
  'kubectl get lease -n kube-node-lease <node> -o yaml',
  'systemctl status kubelet --no-pager',
  CMD.kubeletJournal,
];

export const nodeStatusUpdateFailed = defineRule({
  id: 'node-status-update-failed',
  category: 'node-status-not-posted',
  severity: 'error',
  title: 'Kubelet could not post node status',
  keywords: [
    'error updating node status',
    'unable to update node status',
    'update node status exceeds retry count',
    'unable to register node',
  ],
  patterns: [
    /Error updating node status/i,
    /Unable to update node status/i,
    /update node status exceeds retry count/i,
    /Unable to register node(?: \S{1,253})? with (?:the )?API ?server/i,
  ],
  startupGraceSeconds: 120,
  describe: (_m, message) => {
    const cause =
      /(context deadline exceeded|connection refused|i\/o timeout|no route to host|TLS handshake timeout|Unauthorized|not found|x509: [^",\]]{0,80})/i.exec(
        message,
      );
    return cause ? { summary: cause[1], details: { cause: cause[1] } } : undefined;
  },
  explanation:
    'The kubelet failed to write the Node status to the API server. If the Lease is also not renewed for the grace period ' +
    '(`--node-monitor-grace-period`, 40 s; 50 s from v1.32) the node lifecycle controller marks the node `Ready=Unknown` ' +
    '(`Kubelet stopped posting node status`) and, after the default 300 s toleration, evicts its pods.',
  remediation:
    '1. From the node, can the API server be reached? `curl -k https://<apiserver>:6443/healthz`.\n' +
    '2. Check the cause in `err=`: timeouts/refused → network, load balancer or API server; `Unauthorized`/`x509` → kubelet ' +
    'client certificate; `not found` → the Node object was deleted (restart the kubelet to re-register).\n' +
    '3. Compare with the Lease: `kubectl get lease -n kube-node-lease <node>`.',
  commands: heartbeatCommands,
  source: 'pkg/kubelet/kubelet_node_status.go',
});

export const nodeStatusUnknown = defineRule({
  id: 'node-status-unknown',
  category: 'node-status-not-posted',
  severity: 'error',
  title: 'Kubelet stopped posting node status',
  keywords: [
    'posting node status',
    'posted node status',
    'node is unresponsive',
    "hasn't been updated",
    'nodestatusunknown',
    'nodestatusneverupdated',
  ],
  patterns: [
    /Kubelet stopp?ed posting node status/i,
    /Kubelet never posted node status/i,
    /Node is unresponsive\. Adding it to the Taint queue/i,
    /Node \S{0,260} hasn't been updated for|"Node hasn't been updated"/i,
    /\bNodeStatus(?:Unknown|NeverUpdated)\b/,
  ],
  explanation:
    'The node lifecycle controller has heard no heartbeat (Node status or Lease renewal) from this kubelet for the grace period ' +
    'and set `Ready=Unknown`. The diagnosis must come from the node itself: kubelet crashed or hung, node powered off or ' +
    'overloaded, or the network to the API server is broken. Pods get the `node.kubernetes.io/unreachable` taint and are evicted ' +
    'after 300 s by default.',
  remediation:
    '1. Can you reach the node (ssh)? If not: console, cloud provider status, power.\n' +
    '2. On the node: `systemctl status kubelet`, `journalctl -u kubelet`, disk/PID/memory exhaustion.\n' +
    '3. Check the Lease age: `kubectl get lease -n kube-node-lease <node> -o jsonpath={.spec.renewTime}`.',
  commands: heartbeatCommands,
  source: 'pkg/controller/nodelifecycle/node_lifecycle_controller.go; seed 000',
});

export const leaseUpdateFailed = defineRule({
  id: 'lease-update-failed',
  category: 'lease-update-failed',
  severity: 'error',
  title: 'Node lease could not be renewed',
  keywords: ['failed to update lease', 'failed to ensure lease exists', 'failed to ensure node lease exists'],
  patterns: [/failed to update lease/i, /Failed to ensure (?:node )?lease exists/i],
  exclude: [/fallback to ensure lease/i],
  startupGraceSeconds: 120,
  describe: (_m, message) => {
    const cause =
      /(context deadline exceeded|connection refused|i\/o timeout|no route to host|TLS handshake timeout|Unauthorized|forbidden|x509: [^",\]]{0,80})/i.exec(
        message,
      );
    return cause ? { summary: cause[1], details: { cause: cause[1] } } : undefined;
  },
  explanation:
    'The kubelet renews its Lease in `kube-node-lease` every 10 s (a quarter of `nodeLeaseDurationSeconds` = 40 s). When renewals ' +
    "fail for the controller's grace period, the node goes `Ready=Unknown` even if the kubelet is alive.",
  remediation:
    '1. Check API server reachability and latency from the node.\n2. Read the cause in `err=` (timeout, refused, forbidden, x509).\n' +
    '3. `kubectl get lease -n kube-node-lease <node> -o yaml` shows the last `renewTime`.',
  commands: heartbeatCommands,
  source: 'k8s.io/component-helpers/apimachinery/lease controller.go',
});
