// Kubeconfig loading and credentials through client-node, without a cluster: kubectl's file rules
// on real files, a picked context that never touches the file, and a bearer token / exec
// credential plugin reaching a local API endpoint (and never the error messages).
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiFailure } from '../../src/client/explorer/apiFailure';
import { RESOURCE_SPECS } from '../../src/client/explorer/clusterSession';
import { kubeConfigForContext, loadKubeconfig } from '../../src/client/k8s/kubeconfig';
import { KubeHttpTransport } from '../../src/client/k8s/kubeTransport';

let dir: string;
let server: http.Server;
let port = 0;
const seenAuthorization: string[] = [];
let answer401 = false;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'knd-kubeconfig-'));
  server = http.createServer((req, res) => {
    seenAuthorization.push(String(req.headers.authorization ?? ''));
    res.setHeader('content-type', 'application/json');
    if (answer401) {
      res.statusCode = 401;
      res.end(
        JSON.stringify({
          kind: 'Status',
          status: 'Failure',
          reason: 'Unauthorized',
          message: 'Unauthorized',
          code: 401,
        }),
      );
      return;
    }
    res.end(
      JSON.stringify({
        kind: 'NodeList',
        metadata: { resourceVersion: '7' },
        items: [{ metadata: { name: 'n1' } }],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

after(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const search = (env: string, settingPath?: string) => ({
  kubeconfigEnv: env,
  settingPath,
  homeDir: path.join(dir, 'home'),
  delimiter: path.delimiter,
  separator: path.sep,
});

test('KUBECONFIG files merge like kubectl; relative paths resolve per file; missing files are skipped', () => {
  const first = write(
    'a/config',
    `apiVersion: v1
kind: Config
current-context: one
clusters:
- name: c1
  cluster: { server: "https://one.example", certificate-authority: ca.crt }
users:
- name: u1
  user: { token: first }
contexts:
- name: one
  context: { cluster: c1, user: u1 }
`,
  );
  const second = write(
    'b/config',
    `apiVersion: v1
kind: Config
current-context: two
clusters:
- name: c1
  cluster: { server: "https://ignored.example" }
- name: c2
  cluster: { server: "https://two.example", certificate-authority: ca2.crt }
users:
- name: u2
  user: { token: second }
contexts:
- name: one
  context: { cluster: c2, user: u2 }
- name: two
  context: { cluster: c2, user: u2 }
`,
  );
  const load = loadKubeconfig(search([first, path.join(dir, 'nope'), second].join(path.delimiter)));
  assert.ok(load.ok);
  assert.deepEqual(load.contexts, ['one', 'two']);
  assert.equal(load.currentContext, 'one');
  assert.equal(load.merged.getCluster('c1')?.server, 'https://one.example');
  assert.equal(load.merged.getCluster('c1')?.caFile, path.join(dir, 'a', 'ca.crt'));
  assert.equal(load.merged.getCluster('c2')?.caFile, path.join(dir, 'b', 'ca2.crt'));
});

test('a picked context is used without writing the kubeconfig', () => {
  const file = write(
    'pick/config',
    `apiVersion: v1
kind: Config
current-context: one
clusters: [{ name: c, cluster: { server: "https://x.example" } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: one, context: { cluster: c, user: u } }, { name: two, context: { cluster: c, user: u } }]
`,
  );
  const before = fs.readFileSync(file, 'utf8');
  const load = loadKubeconfig(search('', file));
  assert.ok(load.ok);
  assert.equal(kubeConfigForContext(load, 'two')?.getCurrentContext(), 'two');
  assert.equal(kubeConfigForContext(load, 'vanished')?.getCurrentContext(), 'one');
  assert.equal(fs.readFileSync(file, 'utf8'), before);
});

test('missing and broken kubeconfigs are reported as such', () => {
  const missing = loadKubeconfig(search('', path.join(dir, 'does-not-exist')));
  assert.equal(missing.ok, false);
  assert.equal(!missing.ok && missing.state, 'noKubeconfig');
  const none = loadKubeconfig(search(path.join(dir, 'x1') + path.delimiter + path.join(dir, 'x2')));
  assert.equal(!none.ok && none.state, 'noKubeconfig');
  const broken = loadKubeconfig(search('', write('broken/config', 'clusters: [ {')));
  assert.equal(!broken.ok && broken.state, 'badKubeconfig');
});

function credentialsConfig(user: string): string {
  return write(
    `creds-${Math.random().toString(36).slice(2)}/config`,
    `apiVersion: v1
kind: Config
current-context: local
clusters: [{ name: local, cluster: { server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true } }]
contexts: [{ name: local, context: { cluster: local, user: me } }]
users:
- name: me
  user:
${user}
`,
  );
}

async function listNodesWith(configFile: string): Promise<unknown[]> {
  const load = loadKubeconfig(search('', configFile));
  assert.ok(load.ok);
  const transport = new KubeHttpTransport(kubeConfigForContext(load)!);
  try {
    const page = await transport.listPage(RESOURCE_SPECS.nodes, { limit: 500 }, new AbortController().signal);
    return page.items;
  } finally {
    transport.dispose();
  }
}

test('a kubeconfig client-node refuses is a kubeconfig problem, not a credentials one', async () => {
  const file = write(
    'http/config',
    `apiVersion: v1
kind: Config
current-context: local
clusters: [{ name: local, cluster: { server: "http://127.0.0.1:${port}" } }]
contexts: [{ name: local, context: { cluster: local, user: me } }]
users: [{ name: me, user: { token: t } }]
`,
  );
  await assert.rejects(
    listNodesWith(file),
    (e: unknown) => e instanceof ApiFailure && !e.details.credentials && e.details.code === 'KUBECONFIG',
  );
});

test('a bearer token from the kubeconfig is sent', async () => {
  seenAuthorization.length = 0;
  const items = await listNodesWith(credentialsConfig('    token: static-token-123'));
  assert.equal(items.length, 1);
  assert.deepEqual(seenAuthorization, ['Bearer static-token-123']);
});

test('an exec credential plugin provides the token', async () => {
  const plugin = write(
    'plugin/cred.js',
    `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'exec-token-456' } }));`,
  );
  const config = credentialsConfig(`    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ${JSON.stringify(process.execPath)}
      args: [${JSON.stringify(plugin)}]
      interactiveMode: Never`);
  seenAuthorization.length = 0;
  await listNodesWith(config);
  assert.deepEqual(seenAuthorization, ['Bearer exec-token-456']);
});

test('a failing exec plugin is a credentials failure; a 401 never echoes the token', async () => {
  const failing = write(
    'plugin/fail.js',
    `process.stderr.write('login expired: run sso login\\n'); process.exit(1);`,
  );
  const config = credentialsConfig(`    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ${JSON.stringify(process.execPath)}
      args: [${JSON.stringify(failing)}]
      interactiveMode: Never`);
  await assert.rejects(
    listNodesWith(config),
    (e: unknown) =>
      e instanceof ApiFailure && e.details.credentials === true && /login expired/.test(e.message),
  );

  answer401 = true;
  try {
    await assert.rejects(listNodesWith(credentialsConfig('    token: secret-token-789')), (e: unknown) => {
      assert.ok(e instanceof ApiFailure);
      assert.equal(e.status, 401);
      assert.doesNotMatch(`${e.message} ${JSON.stringify(e.details)}`, /secret-token-789/);
      return true;
    });
  } finally {
    answer401 = false;
  }
});
