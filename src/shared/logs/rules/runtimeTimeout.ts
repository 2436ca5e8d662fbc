import { CMD, defineRule } from './defineRule';

const CRI_CALL =
  /(?:ListPodSandbox|ListContainers|ListPodSandboxStats|ListContainerStats|PodSandboxStatus|ContainerStatus|StopContainer|StopPodSandbox|RemoveContainer|RemovePodSandbox|CreateContainer|StartContainer|RunPodSandbox|KillPodSandbox|KillContainer|ExecSync|ImageFsInfo|runtime service|GenericPLEG|failed to kill container|pod sandbox|sandbox status|containerd-shim|shim|dockerd|docker_service)[^\n]{0,300}?(?:context deadline exceeded|DeadlineExceeded)/i;

export const runtimeTimeout = defineRule({
  id: 'runtime-timeout',
  category: 'runtime-timeout',
  severity: 'error',
  title: 'Container runtime call timed out',
  keywords: [
    'deadlineexceeded',
    'context deadline exceeded',
    'operation timeout',
    'failed to reserve sandbox name',
    'failed to reserve container name',
    'error reserving pod name',
    'error reserving ctr name',
  ],
  patterns: [
    /rpc error: code = (?:DeadlineExceeded|4 desc = context deadline exceeded)/i,
    /operation timeout: context deadline exceeded/i,
    CRI_CALL,
    /failed to reserve (?:sandbox|container) name/i,
    // cri-o's wording of the same: an earlier create of this name is still in progress.
    /error reserving (?:pod|ctr) name/i,
    // containerd / dockerd / cri-o logrus lines: the runtime itself timing out.
    /^msg="[^\n]{0,600}?context deadline exceeded/i,
  ],
  // Exec probes that outlive their timeoutSeconds also end in DeadlineExceeded: a slow probe, not a slow runtime.
  exclude: [
    /failed to exec in container: timeout \d+s exceeded/i,
    /https?:\/\//i,
    /MountVolume|UnmountVolume|\bcsi\b|NodeStageVolume|NodePublishVolume|attacher/i,
    // kube-apiserver and etcd speak gRPC too; their deadlines are control-plane latency, not the runtime.
    /\betcd/i,
  ],
  describe: (_m, message) => {
    const op =
      /\b(ListPodSandbox|ListContainers|PodSandboxStatus|ContainerStatus|StopContainer|StopPodSandbox|RemoveContainer|RemovePodSandbox|CreateContainer|StartContainer|RunPodSandbox|KillPodSandbox|KillContainer|ExecSync|ImageFsInfo|GenericPLEG)\b/.exec(
        message,
      );
    const operation = op?.[1] ?? (/sanity check failed/i.test(message) ? 'Status' : undefined);
    return operation ? { summary: operation, details: { operation } } : undefined;
  },
  explanation:
    'A CRI call from the kubelet to the container runtime (containerd, cri-o, dockerd via dockershim/cri-dockerd) did not answer ' +
    'within its deadline (`rpc error: code = DeadlineExceeded`, `operation timeout: context deadline exceeded`). Repeated ' +
    'timeouts stall the PLEG relist (→ `PLEG is not healthy`) and leave pods stuck `Terminating` or `ContainerCreating`. ' +
    '`failed to reserve sandbox name` is containerd refusing a retry because the timed-out previous attempt is still running.',
  remediation:
    '1. Time a runtime call yourself: `time crictl pods` / `time docker ps`.\n' +
    '2. Look for the cause on the node: load and I/O wait (`top`, `iostat`), hung tasks in `dmesg`, a hung NFS mount (`df` hangs), ' +
    'PID or fd exhaustion, too many containers.\n' +
    '3. Find a single stuck container: `crictl ps -a` and inspect the one that hangs.\n' +
    '4. Restart the runtime (then the kubelet); if processes are stuck in `D` state, drain and reboot.',
  commands: [
    'time crictl pods',
    'time docker ps',
    'uptime; vmstat 1 5',
    CMD.kernelLog,
    CMD.containerdJournal,
    CMD.kubeletJournal,
  ],
  source: 'kubelet remote_runtime.go / kuberuntime errors; containerd sbserver; seeds 003, 004',
});
