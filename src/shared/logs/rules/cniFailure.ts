import { CMD, defineRule } from './defineRule';

const cniCommands = [
  'ls -l /etc/cni/net.d/ /opt/cni/bin/',
  'kubectl get pods -n kube-system -o wide --field-selector spec.nodeName=<node>',
  CMD.crictlInfo + ' | grep -iA3 network',
  CMD.kubeletJournal,
];

export const cniNotReady = defineRule({
  id: 'cni-not-ready',
  category: 'cni-failure',
  severity: 'error',
  title: 'Container network (CNI) not ready',
  keywords: [
    'network not ready',
    'cni plugin not initialized',
    'networkpluginnotready',
    'cni config uninitialized',
    'no networks found in',
    'networkready=false',
  ],
  patterns: [
    /(?:container runtime )?network not ready/i,
    /cni plugin not initialized/i,
    /NetworkPluginNotReady/,
    /cni config uninitialized/i,
    /no networks found in \S{1,200}/i,
    /NetworkReady=false/i,
  ],
  startupGraceSeconds: 120,
  explanation:
    'The runtime reports `NetworkReady=false`: no CNI configuration in `/etc/cni/net.d` or the CNI plugin (Calico, Cilium, ' +
    'Flannel, …) is not running on this node. The node is NotReady for pods; new pods stay `ContainerCreating`. Routine for a ' +
    'short while after a kubelet start on a fresh node (not flagged within 2 minutes of a start line) while the CNI DaemonSet starts.',
  remediation:
    '1. Is the CNI DaemonSet pod on this node running? `kubectl get pods -n kube-system -o wide` filtered to the node.\n' +
    "2. Does `/etc/cni/net.d` contain a config and `/opt/cni/bin` the plugin binary?\n3. Read the CNI pod's logs; restart it.",
  commands: cniCommands,
  source: 'pkg/kubelet/kubelet.go updateRuntimeUp; containerd CRI NetworkReady; log-signals.md §3',
});

export const cniSetupFailed = defineRule({
  id: 'cni-setup-failed',
  category: 'cni-failure',
  severity: 'error',
  title: 'Pod network setup failed (CNI)',
  keywords: [
    'failed to setup network',
    'failed to set up sandbox container',
    'networkplugin cni failed',
    'plugin type=',
    'failed to allocate for range',
    'no ip addresses available',
    'failed to find plugin',
    'failed to destroy network',
    'failed to teardown',
    'calico/nodename',
    'error adding container to network',
    'failed to set up pod network',
  ],
  patterns: [
    /failed to (?:setup|set up) network for sandbox/i,
    /failed to set up sandbox container \S{1,200} network for pod/i,
    /failed to set up pod network/i,
    /Failed to setup network for pod/i,
    /NetworkPlugin cni failed (?:to set up|on the status hook|to teardown)/i,
    /plugin type=\\?"([^"\\]{1,64})\\?"[^\n]{0,60}? failed \((add|del|delete|check)\)/i,
    /failed to allocate for range/i,
    /no IP addresses available in range set/i,
    /failed to find plugin \\?"([^"\\]{1,64})\\?" in path/i,
    /failed to (?:destroy|teardown) network for sandbox/i,
    /stat \/var\/lib\/calico\/nodename: no such file or directory/i,
    /error adding container to network/i,
  ],
  exclude: [
    /Failed to create pod sandbox[^\n]{0,300}?(?:resource temporarily unavailable|no space left on device)/i,
  ],
  describe: (_m, message) => {
    const plugin =
      /plugin type=\\?"([^"\\]{1,64})/i.exec(message)?.[1] ??
      /failed to find plugin \\?"([^"\\]{1,64})/i.exec(message)?.[1];
    const pod = /pod="([^"\\]{1,253})"|for pod \\?"([^"\\]{1,253})/.exec(message);
    const details: Record<string, string> = {};
    if (plugin) {
      details.plugin = plugin;
    }
    const podName = pod ? (pod[1] ?? pod[2]) : undefined;
    if (podName) {
      details.pod = podName;
    }
    const summary = [plugin ? `plugin ${plugin}` : '', podName ? `pod ${podName}` : '']
      .filter(Boolean)
      .join(', ');
    return summary ? { summary, details } : undefined;
  },
  explanation:
    "The runtime called the CNI plugin to add (or delete) a pod's network and it failed: the pod stays `ContainerCreating` " +
    '(`FailedCreatePodSandBox`). Common causes: CNI agent not running or not ready, IPAM pool exhausted (`no IP addresses ' +
    'available`), missing plugin binary, stale IPAM state after a crash.',
  remediation:
    "1. Read the plugin's error (after `plugin type=`).\n2. Check the CNI agent pod on this node and its logs.\n" +
    '3. IPAM exhaustion: look for leaked IP reservations (e.g. `/var/lib/cni/networks/<net>/`).',
  commands: cniCommands,
  source: 'containerd/cri-o RunPodSandbox errors; dockershim cni',
});
