// Synthetic Kubernetes objects shaped like `kubectl get -o json` output of a kwok cluster
// (including managedFields, which the projection must drop), for the explorer benchmarks.

export function rawNode(i: number, maxPods = 110): Record<string, unknown> {
  const name = `node-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(1000 + i),
      creationTimestamp: '2026-11-24T05:00:00Z',
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'm5.2xlarge',
        'topology.kubernetes.io/zone': `zone-${i % 3}`,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'kwok.x-k8s.io/node': 'fake',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      managedFields: [
        {
          manager: 'kwok',
          operation: 'Update',
          apiVersion: 'v1',
          time: '2026-11-24T05:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:status': {
              'f:conditions': {
                'k:{"type":"Ready"}': {
                  '.': {},
                  'f:lastHeartbeatTime': {},
                  'f:lastTransitionTime': {},
                  'f:message': {},
                  'f:reason': {},
                  'f:status': {},
                  'f:type': {},
                },
              },
            },
          },
        },
      ],
    },
    spec: { podCIDR: `10.${i >> 8}.${i & 255}.0/24`, providerID: `kwok://${name}` },
    status: {
      capacity: { cpu: '32', memory: '128Gi', pods: String(maxPods), 'ephemeral-storage': '100Gi' },
      allocatable: { cpu: '31', memory: '126Gi', pods: String(maxPods), 'ephemeral-storage': '95Gi' },
      conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure']
        .map((type) => ({
          type,
          status: 'False',
          reason: `KubeletHasSufficient${type}`,
          message: 'ok',
          lastHeartbeatTime: '2026-11-24T05:59:50Z',
          lastTransitionTime: '2026-11-24T05:00:00Z',
        }))
        .concat([
          {
            type: 'Ready',
            status: i % 500 === 7 ? 'False' : 'True',
            reason: 'KubeletReady',
            message:
              i % 500 === 7
                ? 'PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s'
                : 'kubelet is posting ready status',
            lastHeartbeatTime: '2026-11-24T05:59:50Z',
            lastTransitionTime: '2026-11-24T05:00:00Z',
          },
        ]),
      addresses: [
        { type: 'InternalIP', address: `10.0.${i >> 8}.${i & 255}` },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: '',
        systemUUID: '',
        bootID: '',
        kernelVersion: '6.1.0-28-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://2.0.5',
        kubeletVersion: 'v1.36.3',
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
}

export function rawPod(nodeIndex: number, j: number, resourceVersion = 1): Record<string, unknown> {
  const node = `node-${String(nodeIndex).padStart(5, '0')}`;
  const name = `app-${nodeIndex}-${j}`;
  const crashing = (nodeIndex * 131 + j) % 997 === 0;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: `ns-${nodeIndex % 50}`,
      uid: `pod-${nodeIndex}-${j}`,
      resourceVersion: String(resourceVersion),
      creationTimestamp: '2026-11-24T05:00:00Z',
      labels: { app: `app-${j % 20}`, 'pod-template-hash': 'abcdef123' },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `app-${j % 20}-abcdef123`,
          uid: 'rs',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
      managedFields: [
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'v1',
          time: '2026-11-24T05:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: {
            'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
            'f:spec': {
              'f:containers': {
                'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {}, 'f:resources': {} },
              },
            },
          },
        },
      ],
    },
    spec: {
      nodeName: node,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      serviceAccountName: 'default',
      containers: [
        {
          name: 'app',
          image: 'registry.example.invalid/app:1.0',
          resources: { requests: { cpu: '10m', memory: '16Mi' } },
          env: [{ name: 'A', value: 'x'.repeat(40) }],
          volumeMounts: [
            {
              name: 'kube-api-access',
              mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
              readOnly: true,
            },
          ],
        },
      ],
      volumes: [
        {
          name: 'kube-api-access',
          projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] },
        },
      ],
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: '10.0.0.1',
      podIP: `10.244.${nodeIndex & 255}.${j}`,
      startTime: '2026-11-24T05:00:01Z',
      conditions: [
        'PodReadyToStartContainers',
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map((type) => ({
        type,
        status: crashing && type.includes('Ready') ? 'False' : 'True',
        lastProbeTime: null,
        lastTransitionTime: '2026-11-24T05:00:02Z',
      })),
      containerStatuses: [
        crashing
          ? {
              name: 'app',
              ready: false,
              started: false,
              restartCount: 12,
              image: 'registry.example.invalid/app:1.0',
              imageID: '',
              containerID: 'containerd://x',
              state: {
                waiting: {
                  reason: 'CrashLoopBackOff',
                  message: 'back-off 5m0s restarting failed container=app',
                },
              },
              lastState: {
                terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: '2026-11-24T05:58:00Z' },
              },
            }
          : {
              name: 'app',
              ready: true,
              started: true,
              restartCount: 0,
              image: 'registry.example.invalid/app:1.0',
              imageID: '',
              containerID: 'containerd://x',
              state: { running: { startedAt: '2026-11-24T05:00:02Z' } },
            },
      ],
      qosClass: 'Burstable',
    },
  };
}

export function rawLease(i: number, renewTime: string): Record<string, unknown> {
  const name = `node-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: 'kube-node-lease', resourceVersion: String(i) },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
  };
}
