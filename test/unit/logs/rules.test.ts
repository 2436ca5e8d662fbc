import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LogScanner, scanText } from '../../../src/shared/logs/engine';
import { RULES, getRule } from '../../../src/shared/logs/rules/index';
import { CATEGORIES } from '../../../src/shared/logs/types';
import { RULE_CASES } from './ruleCases';

// A case is one line with no start line in view: rules whose first occurrence marks the start would
// call every case start-up noise (engine.test.ts covers that), so here each rule is judged on its patterns.
const PATTERNS_ONLY = RULES.map(({ firstOccurrenceMarksStart: _ignored, ...rule }) => rule);

function ruleOf(line: string): string | undefined {
  const findings = new LogScanner({}, PATTERNS_ONLY).scanChunk(line, 0);
  assert.ok(findings.length <= 1, `one finding per line at most: ${line}`);
  return findings[0]?.ruleId;
}

void describe('rule catalog', () => {
  void test('every rule has cases and every case names a rule', () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(
      ids.filter((id) => !RULE_CASES[id]),
      [],
      'rules without cases',
    );
    assert.deepEqual(
      Object.keys(RULE_CASES).filter((id) => !getRule(id)),
      [],
      'cases for unknown rules',
    );
  });

  void test('ids are unique kebab-case, categories come from the taxonomy', () => {
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    for (const rule of RULES) {
      assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, rule.id);
      const fixed = (CATEGORIES as readonly string[]).includes(rule.category);
      assert.ok(
        fixed || /^other:[a-z0-9]+(?:-[a-z0-9]+)*$/.test(rule.category),
        `${rule.id}: ${rule.category}`,
      );
      assert.ok(['error', 'warning', 'info', 'hint'].includes(rule.severity), rule.id);
    }
  });

  void test('every rule documents itself and has usable keywords', () => {
    for (const rule of RULES) {
      assert.ok(
        rule.title.length > 0 && rule.explanation.length > 40 && rule.remediation.length > 20,
        rule.id,
      );
      assert.ok(rule.commands.length > 0, `${rule.id} has commands`);
      assert.ok(rule.keywords && rule.keywords.length > 0, `${rule.id} has keywords`);
      for (const k of rule.keywords ?? []) {
        assert.equal(k, k.toLowerCase(), `${rule.id} keyword '${k}' is lower case`);
        assert.match(k, /^[\x20-\x7e]+$/, `${rule.id} keyword '${k}' is printable ASCII`);
      }
      for (const p of [...rule.patterns, ...(rule.exclude ?? [])]) {
        assert.ok(!p.global && !p.sticky, `${rule.id} pattern ${p} must not be stateful (g/y)`);
      }
    }
  });

  void test('the fixed categories are all covered by at least one rule', () => {
    const covered = new Set(RULES.map((r) => r.category));
    assert.deepEqual(
      CATEGORIES.filter((c) => !covered.has(c)),
      [],
    );
  });
});

for (const [id, ruleCase] of Object.entries(RULE_CASES)) {
  void describe(`rule ${id}`, () => {
    void test('flags its messages in every format of its family', () => {
      const wrong: string[] = [];
      for (const message of ruleCase.match) {
        for (const [format, wrap] of Object.entries(ruleCase.family)) {
          const line = wrap(message);
          const got = ruleOf(line);
          if (got !== id) {
            wrong.push(`[${format}] got ${got ?? 'nothing'}: ${line}`);
          }
        }
      }
      assert.deepEqual(wrong, []);
    });
    if (ruleCase.benign) {
      void test('leaves look-alikes alone', () => {
        const wrong: string[] = [];
        for (const message of ruleCase.benign ?? []) {
          for (const [format, wrap] of Object.entries(ruleCase.family)) {
            const got = ruleOf(wrap(message));
            if (got !== undefined) {
              wrong.push(`[${format}] flagged as ${got}: ${message}`);
            }
          }
        }
        assert.deepEqual(wrong, []);
      });
    }
    if (ruleCase.other) {
      void test('yields to the more specific rule', () => {
        for (const [expected, message] of ruleCase.other ?? []) {
          for (const wrap of Object.values(ruleCase.family)) {
            assert.equal(ruleOf(wrap(message)), expected, message);
          }
        }
      });
    }
  });
}

void describe('extracted specifics', () => {
  void test('PLEG: last-seen-active duration and threshold in seconds', () => {
    const [f] = scanText(
      'E0806 07:59:04.839883 1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy: pleg was last seen active 6m57.173099499s ago; threshold is 3m0s"',
    ).findings;
    assert.equal(f.details?.lastSeenActiveSeconds, 417.173);
    assert.equal(f.details?.thresholdSeconds, 180);
    assert.equal(f.message, 'PLEG not healthy: last seen active 6m57s ago (threshold 3m0s)');
  });

  void test('PLEG: hours in the old style, runtime-down noted', () => {
    const [f] = scanText(
      'I0524 10:01:42.180287 28586 kubelet.go:1828] skipping pod synchronization - [container runtime is down PLEG is not healthy: pleg was last seen active 1h17m57.165844739s ago; threshold is 3m0s]',
    ).findings;
    assert.equal(f.details?.lastSeenActiveSeconds, 4677.166);
    assert.equal(f.details?.runtimeDown, 1);
    assert.match(f.message, /1h17m57s ago .*runtime is down/);
  });

  void test('PID exhaustion names the binary that could not start', () => {
    const [f] = scanText(
      'Mar 22 15:23:27 v-docker-k6 kube-proxy: E0322 15:23:27.490837    3904 proxier.go:1520] Failed to execute iptables-save, syncing all rules: fork/exec /usr/sbin/iptables-save: resource temporarily unavailable',
    ).findings;
    assert.equal(f.details?.binary, '/usr/sbin/iptables-save');
    assert.equal(f.message, 'Cannot fork: PIDs exhausted: could not start /usr/sbin/iptables-save');
    const [udev] = scanText(
      "Mar 22 15:23:23 v-docker-k6 systemd-udevd: fork of '/usr/lib/systemd/systemd-sysctl --prefix=/net/ipv4/conf/calico_tmp_B' failed: Resource temporarily unavailable",
    ).findings;
    assert.equal(udev.details?.binary, '/usr/lib/systemd/systemd-sysctl');
  });

  void test('disk full names the path; the finding range covers the error text', () => {
    const line =
      'time="2024-08-06T08:03:00Z" level=error msg="failed" error="write /var/lib/containerd/meta.db: no space left on device"';
    const [f] = scanText(line).findings;
    assert.equal(f.details?.path, '/var/lib/containerd/meta.db');
    assert.equal(line.slice(f.start, f.end), 'no space left on device');
  });

  void test('OOM kill names process, pid and resident size', () => {
    const [f] = scanText(
      '[ 1958.902771] Memory cgroup out of memory: Killed process 31522 (java) total-vm:8123452kB, anon-rss:4123388kB, file-rss:0kB',
    ).findings;
    assert.deepEqual(f.details, { pid: 31522, process: 'java', anonRssKiB: 4123388, scope: 'cgroup' });
  });

  void test('hung task names the task and duration; NFS names the server', () => {
    const [hung] = scanText(
      '[ 1880.554021] INFO: task containerd-shim:20931 blocked for more than 120 seconds.',
    ).findings;
    assert.deepEqual(hung.details, { task: 'containerd-shim', pid: 20931, blockedSeconds: 120 });
    const [nfs] = scanText('[ 17.0] nfs: server 10.20.0.5 not responding, still trying').findings;
    assert.equal(nfs.details?.server, '10.20.0.5');
  });

  void test('runtime timeouts name the CRI operation; certificates the expiry', () => {
    const [t] = scanText(
      'E0806 1 remote_runtime.go:294] "ListPodSandbox with filter from runtime service failed" err="rpc error: code = DeadlineExceeded desc = context deadline exceeded"',
    ).findings;
    assert.equal(t.details?.operation, 'ListPodSandbox');
    const [c] = scanText(
      'x509: certificate has expired or is not yet valid: current time 2024-09-14T06:10:00Z is after 2024-09-13T11:22:33Z',
    ).findings;
    assert.equal(c.details?.boundary, '2024-09-13T11:22:33Z');
  });
});
