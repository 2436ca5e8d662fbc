import { CMD, defineRule } from './defineRule';

export const imagePullFailure = defineRule({
  id: 'image-pull-failure',
  category: 'image-pull-failure',
  severity: 'warning',
  title: 'Image pull failed',
  keywords: [
    'errimagepull',
    'imagepullbackoff',
    'failed to pull',
    'pullimage',
    'back-off pulling image',
    'pull access denied',
    'manifest unknown',
    'toomanyrequests',
    'failed to resolve reference',
    'error response from daemon: pull',
    'failed to do request',
    'error pulling image',
    'wrong diff id',
    'invalid tar header',
    'failed to register layer',
    'cancel pulling image',
  ],
  patterns: [
    /\bErrImagePull\b/,
    // containerd's image-pull-progress-timeout: the registry stopped sending bytes.
    /cancel pulling image \S{1,300} because of no progress/i,
    /\bImagePullBackOff\b/,
    /Failed to pull image \\?"?([^"\s\\]{1,300})\\?"?/i,
    /failed to pull and unpack image \\?"?([^"\s\\]{1,300})\\?"?/i,
    /PullImage \\?"?([^"\s\\]{1,300})\\?"? from image service failed|"PullImage from image service failed"/i,
    /Back-off pulling image \\?"?([^"\s\\]{1,300})\\?"?/i,
    /pull access denied for ([^\s,]{1,300})/i,
    /\bmanifest unknown\b/i,
    /toomanyrequests: You have reached your (?:unauthenticated )?pull rate limit/i,
    /failed to resolve reference \\?"?([^"\s\\]{1,300})\\?"?/i,
    /Error (?:response from daemon: )?pulling image/i,
    /wrong diff id calculated on extraction/i,
    /failed to extract layer[^\n]{0,200}?archive\/tar: invalid tar header/i,
    /Error trying v2 registry: failed to register layer/i,
  ],
  exclude: [/Successfully pulled image/i, /\bPulling image "/],
  describe: (_m, message) => {
    const image =
      /\bimage(?: service failed)?[":= \\]{1,5}"?([a-z0-9][^"\s,\\]{0,300})/i.exec(message)?.[1] ??
      /(?:pull access denied for|failed to resolve reference|Failed to pull image|pulling image) \\?"?([^"\s,\\]{1,300})/i.exec(
        message,
      )?.[1];
    const cause =
      /(not found|manifest unknown|unauthorized|pull access denied|toomanyrequests|i\/o timeout|context deadline exceeded|x509: [^",\]]{0,60}|no such host|connection refused|wrong diff id|invalid tar header|failed to register layer)/i.exec(
        message,
      )?.[1];
    const details: Record<string, string> = {};
    if (image) {
      details.image = image;
    }
    if (cause) {
      details.cause = cause;
    }
    const summary = [image, cause ? `(${cause})` : ''].filter(Boolean).join(' ');
    return summary ? { summary, details } : undefined;
  },
  explanation:
    'The runtime could not pull a container image: wrong name or tag (`not found`, `manifest unknown`), missing or wrong ' +
    'credentials (`unauthorized`, `pull access denied`), registry rate limits (`toomanyrequests`), network/DNS/proxy or TLS ' +
    'problems, or a corrupt layer on disk (`wrong diff id`, `invalid tar header`, docker `failed to register layer` — ' +
    'node-problem-detector CorruptDockerImage). The pod stays `ErrImagePull` / `ImagePullBackOff`.',
  remediation:
    '1. Pull by hand on the node: `crictl pull <image>` — the error is usually clearer.\n' +
    "2. Check the image reference and the pod's `imagePullSecrets`.\n3. Check registry reachability (DNS, proxy, CA).\n" +
    '4. Corrupt layers: remove the image (`crictl rmi`) and pull again; if it repeats, check the disk.',
  commands: [
    'crictl pull <image>',
    'kubectl describe pod <pod> -n <namespace>',
    'crictl images',
    CMD.containerdJournal,
  ],
  source:
    'kubelet images/puller; containerd; node-problem-detector docker-monitor.json CorruptDockerImage, windows-containerd-monitor-filelog.json',
});
