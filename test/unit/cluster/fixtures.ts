/* eslint-disable @typescript-eslint/no-explicit-any -- fixtures are raw `kubectl get -o json` objects */
/**
 * Loads the `kubectl get -o json`-shaped fixtures from test/fixtures/cluster.
 * Tests run from out/test/unit/cluster, so the repo root is found by walking up to package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'test', 'fixtures'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error('repository root not found from ' + __dirname);
    }
    dir = parent;
  }
  return dir;
}

const FIXTURES = join(repoRoot(), 'test', 'fixtures', 'cluster');

/** The `items` of a `kind: List` fixture, as plain JSON objects. */
export function loadList(file: string): Record<string, any>[] {
  const list = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as {
    kind: string;
    items: Record<string, any>[];
  };
  if (list.kind !== 'List' || !Array.isArray(list.items)) {
    throw new Error(`${file} is not a kind: List`);
  }
  return list.items;
}

/** Item by metadata.name; throws if missing so a renamed fixture fails loudly. */
export function byName(items: Record<string, any>[], name: string): Record<string, any> {
  const found = items.find((i) => i.metadata?.name === name);
  if (!found) {
    throw new Error(`fixture object ${name} not found`);
  }
  return found;
}

/** The instant all fixtures were generated against. */
export const FIXTURE_NOW = Date.parse('2026-11-24T06:00:00Z');
