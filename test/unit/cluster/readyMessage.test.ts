import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { humanDuration, parseGoDuration } from '../../../src/shared/cluster/duration';
import { parseReadyMessage } from '../../../src/shared/cluster/readyMessage';

describe('parseReadyMessage', () => {
  const cases: { message: string; codes: string[] }[] = [
    {
      message: 'PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s',
      codes: ['pleg-unhealthy'],
    },
    { message: 'PLEG is not healthy: pleg has yet to be successful', codes: ['pleg-never-succeeded'] },
    { message: 'container runtime is down', codes: ['runtime-down'] },
    {
      message: 'container runtime status check may not have completed yet',
      codes: ['runtime-status-pending'],
    },
    {
      message:
        'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
      codes: ['network-not-ready'],
    },
    {
      // older kubelets (dockershim)
      message:
        'runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized',
      codes: ['network-not-ready'],
    },
    {
      message: 'container runtime not ready: RuntimeReady=false reason:x message:y',
      codes: ['runtime-not-ready'],
    },
    { message: 'Container runtime not ready: RuntimeReady=false', codes: ['runtime-not-ready'] },
    { message: 'Missing node capacity for resources: pods', codes: ['missing-capacity'] },
    {
      message:
        '[container runtime is down, PLEG is not healthy: pleg was last seen active 3m20.5s ago; threshold is 3m0s, container runtime not ready: x]',
      codes: ['runtime-down', 'pleg-unhealthy', 'runtime-not-ready'],
    },
    // older releases joined with a comma and no brackets
    {
      message: 'container runtime is down,PLEG is not healthy: pleg has yet to be successful',
      codes: ['runtime-down', 'pleg-never-succeeded'],
    },
    { message: 'node is shutting down', codes: ['not-ready-other'] },
    { message: '', codes: [] },
  ];
  for (const c of cases) {
    it(`${c.message || '(empty)'} → ${c.codes.join(', ') || 'nothing'}`, () => {
      assert.deepEqual(
        parseReadyMessage(c.message).map((f) => f.code),
        c.codes,
      );
    });
  }

  it('fragments keep their own text without aggregate punctuation', () => {
    const fragments = parseReadyMessage(
      '[container runtime is down, PLEG is not healthy: pleg has yet to be successful]',
    );
    assert.deepEqual(
      fragments.map((f) => f.text),
      ['container runtime is down', 'PLEG is not healthy: pleg has yet to be successful'],
    );
  });

  it('PLEG durations are parsed', () => {
    const [pleg] = parseReadyMessage(
      'PLEG is not healthy: pleg was last seen active 6m57.17s ago; threshold is 3m0s',
    );
    assert.equal(pleg.plegLastActiveMs, 417_170);
    assert.equal(pleg.plegThresholdMs, 180_000);
  });
});

describe('durations', () => {
  it('humanDuration matches kubectl AGE', () => {
    const cases: [number, string][] = [
      [0, '0s'],
      [-1500, '0s'],
      [-5000, '<invalid>'],
      [119_000, '119s'],
      [120_000, '2m'],
      [417_170, '6m57s'],
      [600_000, '10m'],
      [179 * 60_000, '179m'],
      [3 * 3600_000 + 5 * 60_000, '3h5m'],
      [8 * 3600_000, '8h'],
      [47 * 3600_000, '47h'],
      [49 * 3600_000, '2d1h'],
      [10 * 86400_000, '10d'],
      [800 * 86400_000, '2y70d'],
      [9 * 365 * 86400_000, '9y'],
    ];
    for (const [ms, text] of cases) {
      assert.equal(humanDuration(ms), text, String(ms));
    }
  });
  it('parseGoDuration reads kubelet durations', () => {
    assert.equal(parseGoDuration('6m57.17s'), 417_170);
    assert.equal(parseGoDuration('3m0s'), 180_000);
    assert.equal(parseGoDuration('1h2m3s'), 3_723_000);
    assert.equal(parseGoDuration('500ms'), 500);
    assert.equal(parseGoDuration('1.5µs'), 0.002);
    assert.equal(parseGoDuration('0'), 0);
    assert.equal(parseGoDuration('soon'), undefined);
    assert.equal(parseGoDuration('5'), undefined);
  });
});
