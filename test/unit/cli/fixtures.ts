// Node-log excerpts for the CLI and streaming tests (shapes from log-signals.md §2 and seed 003).
export const PLEG_LINES_TEXT = [
  'Aug 06 07:50:00 k8s-wa-2 kubelet[1498]: I0806 07:50:00.000001    1498 kubelet.go:2178] "SyncLoop (PLEG): event for pod" pod="kube-system/coredns-5d78c9869d-x7k2p" event={"Type":"ContainerStarted"}',
  'Aug 06 07:56:04 k8s-wa-2 kubelet[1498]: E0806 07:56:04.839883    1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 3m0.41s ago; threshold is 3m0s"',
  'Aug 06 07:57:10 k8s-wa-2 kubelet[1498]: I0806 07:57:10.000001    1498 kubelet_node_status.go:76] "Attempting to register node" node="k8s-wa-2"',
  'Aug 06 07:58:04 k8s-wa-2 kubelet[1498]: E0806 07:58:04.839883    1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 5m0.5s ago; threshold is 3m0s"',
  'Aug 06 07:59:04 k8s-wa-2 kubelet[1498]: E0806 07:59:04.839883    1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 6m57.173099499s ago; threshold is 3m0s"',
  'Aug 06 08:00:00 k8s-wa-2 systemd[1]: Started Session 42 of user core.',
];
export const PLEG_LOG = PLEG_LINES_TEXT.join('\n') + '\n';
/** 1-based lines of PLEG_LOG that say PLEG is not healthy. */
export const PLEG_LINE_NUMBERS = [2, 4, 5];

/** A runtime call timing out (a second problem category next to PLEG). */
export const RUNTIME_TIMEOUT_LINE =
  'Aug 06 08:01:04 k8s-wa-2 kubelet[1498]: E0806 08:01:04.839883    1498 remote_runtime.go:390] "ListContainers with filter from runtime service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"';

export const CLEAN_LOG =
  'Aug 06 07:50:00 k8s-wa-2 systemd[1]: Started Session 42 of user core.\n' +
  'Aug 06 07:50:01 k8s-wa-2 kubelet[1498]: I0806 07:50:01.000001    1498 kubelet_node_status.go:76] "Attempting to register node" node="k8s-wa-2"\n';
