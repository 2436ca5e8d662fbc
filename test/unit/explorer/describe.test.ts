import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'js-yaml';
import { describeNodeText, describePodText } from '../../../src/client/explorer/describe';
import { classifyNode } from '../../../src/shared/cluster/nodeHealth';
import { classifyPod } from '../../../src/shared/cluster/podHealth';
import { projectEvent, projectNode, projectPod } from '../../../src/shared/cluster/model';

const T0 = Date.parse('2026-11-24T06:00:00Z');

test('describe node: a commented summary, then the object as YAML without managedFields', () => {
  const raw = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'node-pleg', managedFields: [{ manager: 'kubelet' }] },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'KubeletNotReady',
          message: 'PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s',
          lastTransitionTime: '2026-11-24T05:56:00Z',
        },
      ],
    },
  };
  const health = classifyNode(projectNode(raw), undefined, [], T0);
  const event = projectEvent({
    metadata: { name: 'e', namespace: 'default' },
    reason: 'NodeNotReady',
    message: 'Node node-pleg status is now: NodeNotReady',
    type: 'Normal',
    lastTimestamp: '2026-11-24T05:56:00Z',
  });
  const text = describeNodeText(raw, health, [event], T0);
  const [header] = text.split('\n\n');
  assert.ok(
    header.split('\n').every((l) => l.startsWith('#')),
    'the summary is YAML comments',
  );
  assert.match(header, /^# Node node-pleg — NotReady \(error\)/);
  assert.match(header, /PLEG not healthy/);
  assert.match(header, /Ready=False \(KubeletNotReady\) for 4m/);
  assert.match(header, /4m ago Normal NodeNotReady/);
  const parsed = load(text) as { metadata: Record<string, unknown> };
  assert.equal(parsed.metadata.name, 'node-pleg');
  assert.equal('managedFields' in parsed.metadata, false);
});

test('describe pod: termination details and finalizers', () => {
  const raw = {
    metadata: {
      name: 'held',
      namespace: 'batch',
      deletionTimestamp: '2026-11-24T05:50:00Z',
      finalizers: ['example.com/hold'],
    },
    spec: { nodeName: 'node-silent', containers: [{ name: 'app' }] },
    status: { phase: 'Running' },
  };
  const health = classifyPod(projectPod(raw), undefined, T0);
  const text = describePodText(raw, health, [], T0);
  assert.match(text, /^# Pod batch\/held/);
  assert.match(text, /# Terminating: grace period ended 10m ago — stuck/);
  assert.match(text, /# Finalizers: example\.com\/hold/);
  assert.match(text, /# Node: node-silent/);
});

test('describe node: events newest first, events.k8s.io series counted like the tree tooltip', () => {
  const raw = { metadata: { name: 'node-pressure' }, status: { conditions: [] } };
  const legacy = projectEvent({
    metadata: { name: 'old', namespace: 'default' },
    reason: 'EvictionThresholdMet',
    message: 'Attempting to reclaim memory',
    type: 'Warning',
    lastTimestamp: '2026-11-24T05:50:00Z',
    count: 2,
  });
  const series = projectEvent({
    metadata: { name: 'new', namespace: 'default' },
    reason: 'SystemOOM',
    message: 'System OOM encountered',
    type: 'Warning',
    eventTime: '2026-11-24T05:40:00.000000Z',
    series: { count: 4, lastObservedTime: '2026-11-24T05:58:00.000000Z' },
  });
  const header = describeNodeText(raw, undefined, [legacy, series], T0).split('\n\n')[0].split('\n');
  const eventLines = header.slice(header.indexOf('# Recent events:') + 1);
  assert.deepEqual(eventLines, [
    '#   2m ago Warning SystemOOM: System OOM encountered (x4)',
    '#   10m ago Warning EvictionThresholdMet: Attempting to reclaim memory (x2)',
  ]);
});
