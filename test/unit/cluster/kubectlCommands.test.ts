import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import {
  clearFinalizersCommand,
  cordonCommand,
  deleteNodeCommand,
  deletePodCommand,
  drainCommand,
  forceDeletePodCommand,
  jsonPatchPodCommand,
  shellQuote,
  uncordonCommand,
} from '../../../src/shared/cluster/kubectlCommands';
import { finalizerRemovalPatch } from '../../../src/shared/cluster/finalizers';

const prod = { context: 'prod-eu' };

describe('kubectl commands', () => {
  it('cordon, uncordon, delete node', () => {
    assert.equal(cordonCommand(prod, 'node-1'), 'kubectl --context prod-eu cordon node-1');
    assert.equal(uncordonCommand(prod, 'node-1'), 'kubectl --context prod-eu uncordon node-1');
    assert.equal(deleteNodeCommand(prod, 'node-1'), 'kubectl --context prod-eu delete node node-1');
  });

  it('drain: only the flags that differ from kubectl defaults', () => {
    assert.equal(drainCommand(prod, 'node-1', {}), 'kubectl --context prod-eu drain node-1');
    assert.equal(
      drainCommand(prod, 'node-1', {
        ignoreDaemonSets: true,
        deleteEmptyDirData: true,
        force: true,
        gracePeriodSeconds: 30,
        timeoutSeconds: 600,
        podSelector: 'app!=critical',
        skipWaitForDeleteTimeoutSeconds: 60,
        disableEviction: true,
      }),
      "kubectl --context prod-eu drain node-1 --ignore-daemonsets --delete-emptydir-data --force --grace-period=30 --timeout=600s '--pod-selector=app!=critical' --skip-wait-for-delete-timeout=60 --disable-eviction",
    );
    assert.equal(
      drainCommand(prod, 'n', {
        gracePeriodSeconds: -1,
        timeoutSeconds: 0,
        skipWaitForDeleteTimeoutSeconds: 0,
      }),
      'kubectl --context prod-eu drain n',
    );
  });

  it('pods: force delete, graceful delete, finalizer patches', () => {
    assert.equal(
      forceDeletePodCommand(prod, 'shop', 'web-0'),
      'kubectl --context prod-eu delete pod web-0 -n shop --force --grace-period=0',
    );
    assert.equal(
      deletePodCommand(prod, 'shop', 'web-0'),
      'kubectl --context prod-eu delete pod web-0 -n shop',
    );
    assert.equal(
      clearFinalizersCommand(prod, 'shop', 'web-0'),
      `kubectl --context prod-eu patch pod web-0 -n shop --type=merge -p '{"metadata":{"finalizers":null}}'`,
    );
    const ops = finalizerRemovalPatch({ finalizers: ['example.com/hold'] });
    assert.equal(
      jsonPatchPodCommand(prod, 'shop', 'web-0', ops),
      `kubectl --context prod-eu patch pod web-0 -n shop --type=json -p '[{"op":"test","path":"/metadata/finalizers","value":["example.com/hold"]},{"op":"remove","path":"/metadata/finalizers"}]'`,
    );
  });

  it('kubeconfig is passed when set', () => {
    assert.equal(
      cordonCommand({ context: 'kind-dev', kubeconfig: '/home/me/.kube/other config' }, 'n'),
      "kubectl --context kind-dev --kubeconfig '/home/me/.kube/other config' cordon n",
    );
  });

  it('refuses to build a command without a context', () => {
    assert.throws(() => cordonCommand({ context: '' }, 'n'), /needs a context/);
  });
});

describe('shellQuote', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    assert.equal(shellQuote('node-1.example.com'), 'node-1.example.com');
    assert.equal(
      shellQuote('arn:aws:eks:eu-west-1:123:cluster/prod'),
      'arn:aws:eks:eu-west-1:123:cluster/prod',
    );
    assert.equal(shellQuote(''), "''");
    assert.equal(shellQuote('a b'), "'a b'");
    assert.equal(shellQuote("it's"), "'it'\\''s'");
    assert.equal(shellQuote('$(rm -rf /)'), "'$(rm -rf /)'");
  });

  it('round-trips hostile strings through a real shell', () => {
    const hostile = ["ctx'; echo pwned; '", '$(id)', '`id`', 'a\nb', 'ä ü "q"', '--context=x', '*', '\\'];
    for (const value of hostile) {
      const out = execFileSync('/bin/sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' });
      assert.equal(out, value);
    }
  });
});
