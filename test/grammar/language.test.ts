// The `kubelog` language contribution: which files and first lines VS Code hands to us.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'kubelog');
const firstLine = new RegExp(language.firstLine);

void test('firstLine recognises klog, journald/syslog, journal headers, kubelet JSON and dmesg', () => {
  for (const line of [
    'E0806 07:59:04.839883    1498 kubelet.go:1991] "Skipping pod synchronization" err="PLEG is not healthy"',
    'I0118 10:19:44.767958  197889 server.go:417] "Kubelet version" kubeletVersion="v1.28.2"',
    'Aug 06 07:59:04 k8s-wa-2 kubelet[1498]: E0806 07:59:04.839883    1498 kubelet.go:1991] msg',
    'Aug  6 07:59:05 k8s-wa-2 systemd[1]: Started Kubernetes kubelet.',
    'Mar 22 15:23:27 v-docker-k6 kube-proxy: E0322 15:23:27.490837    3904 proxier.go:1520] Failed',
    '2024-08-06T07:59:04.123456+00:00 node-1 containerd[812]: time="2024-08-06T07:59:04Z" level=error msg="x"',
    '-- Logs begin at Tue 2024-08-06 07:00:01 UTC, end at Tue 2024-08-06 08:10:00 UTC. --',
    '-- Journal begins at Mon 2024-08-05 00:00:01 UTC. --',
    '{"ts":1580306777.04728,"caller":"kubelet/kubelet.go:1991","msg":"Skipping pod synchronization","v":0}',
    '[    0.000000] Linux version 5.15.0-105-generic (buildd@lcy02-amd64-007)',
  ]) {
    assert.match(line, firstLine, line);
  }
});

void test('firstLine leaves other text alone', () => {
  for (const line of [
    '# README',
    'package main',
    '2024-08-06 07:59:04,123 INFO some java app started',
    'Error: something went wrong',
    '{"name": "kube-node-doctor"}',
  ]) {
    assert.doesNotMatch(line, firstLine, line);
  }
});

/** VS Code's glob semantics for the patterns we use: `*` within a name, `[0-9]` classes, no slashes. */
function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

void test('node log file names are associated with kubelog', () => {
  const names: string[] = language.filenames;
  const patterns = (language.filenamePatterns as string[]).map(globToRegExp);
  const matches = (name: string) => names.includes(name) || patterns.some((p) => p.test(name));
  for (const name of [
    'messages',
    'syslog',
    'kern.log',
    'kubelet.log',
    'kubelet-20240806.log',
    'containerd.log',
    'docker.log',
    'dockerd-node1.log',
    'crio.log',
    'messages-20240806',
    'syslog.1',
    'node1.journal.txt',
    'journal-kubelet.txt',
    'journalctl-kubelet.txt',
  ]) {
    assert.ok(matches(name), name);
  }
  for (const name of ['app.log', 'notes.txt', 'package.json']) {
    assert.ok(!matches(name), name);
  }
  assert.deepEqual(language.extensions, ['.kubelog']);
});
