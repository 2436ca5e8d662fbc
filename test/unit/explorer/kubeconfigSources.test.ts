import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseContext,
  effectiveKubeconfigSetting,
  mergeKubeconfigParts,
  planKubeconfigFiles,
} from '../../../src/client/explorer/kubeconfigSources';

const base = { homeDir: '/home/me', delimiter: ':', separator: '/' };

test('the setting wins alone and a missing file is an error', () => {
  assert.deepEqual(planKubeconfigFiles({ ...base, settingPath: '~/alt/config', kubeconfigEnv: '/a:/b' }), {
    paths: ['/home/me/alt/config'],
    source: 'setting',
    missingIsError: true,
  });
});

test('KUBECONFIG is split on the delimiter, empties and duplicates dropped', () => {
  assert.deepEqual(planKubeconfigFiles({ ...base, kubeconfigEnv: '/a::/b:/a' }).paths, ['/a', '/b']);
  assert.deepEqual(
    planKubeconfigFiles({
      homeDir: 'C:\\Users\\me',
      delimiter: ';',
      separator: '\\',
      kubeconfigEnv: 'C:\\a;C:\\b',
    }).paths,
    ['C:\\a', 'C:\\b'],
  );
});

test('without setting or KUBECONFIG, ~/.kube/config', () => {
  assert.deepEqual(planKubeconfigFiles(base), {
    paths: ['/home/me/.kube/config'],
    source: 'home',
    missingIsError: false,
  });
  assert.equal(planKubeconfigFiles({ ...base, settingPath: '   ' }).source, 'home');
});

test('merge: the first file to define a name or a current context wins', () => {
  const merged = mergeKubeconfigParts([
    {
      clusters: [{ name: 'c', server: 'one' }],
      users: [],
      contexts: [{ name: 'x', v: 1 }],
      currentContext: '',
    },
    {
      clusters: [
        { name: 'c', server: 'two' },
        { name: 'd', server: 'three' },
      ],
      users: [{ name: 'u' }],
      contexts: [
        { name: 'x', v: 2 },
        { name: 'y', v: 3 },
      ],
      currentContext: 'y',
    },
    { clusters: [], users: [], contexts: [], currentContext: 'x' },
  ]);
  assert.deepEqual(merged.clusters, [
    { name: 'c', server: 'one' },
    { name: 'd', server: 'three' },
  ]);
  assert.deepEqual(merged.contexts, [
    { name: 'x', v: 1 },
    { name: 'y', v: 3 },
  ]);
  assert.deepEqual(merged.users, [{ name: 'u' }]);
  assert.equal(merged.currentContext, 'y');
});

test('the picked context is used while it exists, else the current context', () => {
  assert.equal(chooseContext(['a', 'b'], 'b', 'a'), 'b');
  assert.equal(chooseContext(['a', 'b'], 'gone', 'a'), 'a');
  assert.equal(chooseContext(['a'], undefined, 'missing'), undefined);
});

test('an untrusted workspace cannot choose the kubeconfig; a trusted one can', () => {
  const scopes = {
    globalValue: '/home/me/.kube/prod',
    workspaceValue: './evil-kubeconfig',
    workspaceFolderValue: './folder',
  };
  assert.equal(effectiveKubeconfigSetting(scopes, false), '/home/me/.kube/prod');
  assert.equal(effectiveKubeconfigSetting({ workspaceValue: './evil-kubeconfig' }, false), undefined);
  assert.equal(effectiveKubeconfigSetting(scopes, true), './folder');
  assert.equal(effectiveKubeconfigSetting({ globalValue: '/g', workspaceValue: '/w' }, true), '/w');
  assert.equal(effectiveKubeconfigSetting({ globalValue: '  ' }, true), undefined);
  assert.equal(effectiveKubeconfigSetting(undefined, true), undefined);
});
