import { CMD, defineRule } from './defineRule';

const certCommands = [
  'openssl x509 -noout -dates -in /var/lib/kubelet/pki/kubelet-client-current.pem',
  'kubeadm certs check-expiration',
  'date -u; timedatectl status',
  'kubectl get csr',
  CMD.kubeletJournal,
];

export const certExpired = defineRule({
  id: 'cert-expired',
  category: 'cert-expired',
  severity: 'error',
  title: 'Certificate expired or not yet valid',
  keywords: ['certificate has expired', 'is expired', 'not yet valid', 'certificate expired'],
  patterns: [
    /x509: certificate has expired or is not yet valid(?:: current time (\S{1,40}) is (after|before) (\S{1,40}))?/i,
    /certificate has expired/i,
    /\bcertificate expired\b/i,
    /(?:client|serving|bootstrap)[^\n]{0,80}?certificate[^\n]{0,80}? is expired/i,
  ],
  describe: (m) => {
    if (!m[1]) {
      return undefined;
    }
    const why = m[2] === 'after' ? `expired ${m[3]}` : `not valid before ${m[3]} (clock skew?)`;
    return {
      summary: `${why}; node time ${m[1]}`,
      details: { nodeTime: m[1], boundary: m[3], direction: m[2] },
    };
  },
  explanation:
    'TLS failed because a certificate is outside its validity window. Kubelet client certificate expired → the kubelet cannot ' +
    'talk to the API server, status and lease updates stop, the node goes `Unknown`. API server/etcd certificates expired (kubeadm ' +
    'clusters after one year) → the whole control plane fails. "not yet valid" / "current time … is before …" points at a ' +
    'wrong node clock rather than an old certificate.',
  remediation:
    '1. Check the dates (`openssl x509 -noout -dates`) and the node clock (`timedatectl`).\n' +
    '2. kubelet client cert: enable `rotateCertificates`, approve pending CSRs (`kubectl get csr`), or re-bootstrap the kubelet.\n' +
    '3. kubeadm control plane: `kubeadm certs renew all`, then restart the static pods.',
  commands: certCommands,
  source: 'Go crypto/x509 error text; kubelet certificate manager',
});

export const certUntrusted = defineRule({
  id: 'cert-untrusted',
  category: 'other:cert-untrusted',
  severity: 'warning',
  title: 'Certificate signed by unknown authority',
  keywords: ['certificate signed by unknown authority', 'certificate is valid for'],
  patterns: [
    /x509: certificate signed by unknown authority/i,
    /x509: certificate is valid for [^\n]{0,200}?, not \S{1,253}/i,
  ],
  exclude: [/failed to pull|pulling image|PullImage|ErrImagePull/i],
  explanation:
    "TLS verification failed: the peer's certificate chain is not trusted by this client (wrong or missing CA bundle, a " +
    'TLS-intercepting proxy, a re-created cluster CA) or the certificate does not cover the host name used.',
  remediation:
    "1. Compare the CA in the kubeconfig/`--client-ca-file` with the server's issuer.\n2. For proxies, add their CA to the node trust store.",
  commands: ['openssl s_client -connect <host>:6443 -showcerts </dev/null', certCommands[0]],
  source: 'Go crypto/x509 error text',
});
