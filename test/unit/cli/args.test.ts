import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../../src/cli/args';

void test('defaults to text and keeps files in order', () => {
  assert.deepEqual(parseArgs(['a.log', '-', 'b.log']), {
    format: 'text',
    files: ['a.log', '-', 'b.log'],
    help: false,
  });
});

void test('--format takes a separate or attached value', () => {
  assert.equal(parseArgs(['--format', 'json', 'a']).format, 'json');
  assert.equal(parseArgs(['--format=json', 'a']).format, 'json');
  assert.equal(parseArgs(['-f', 'text', 'a']).format, 'text');
});

void test('-- ends the options so a file may start with a dash', () => {
  assert.deepEqual(parseArgs(['--', '--weird.log']).files, ['--weird.log']);
});

void test('usage errors say what is wrong', () => {
  assert.throws(() => parseArgs([]), /no input/);
  assert.throws(() => parseArgs(['--format']), /needs a value/);
  assert.throws(() => parseArgs(['--format', 'xml', 'a']), /text or json/);
  assert.throws(() => parseArgs(['--bogus', 'a']), /unknown option --bogus/);
  assert.throws(() => parseArgs(['-', '-']), /only once/);
});

void test('--help needs no files', () => {
  assert.equal(parseArgs(['--help']).help, true);
});
