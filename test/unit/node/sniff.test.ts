import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countInvalidUtf8, sniffContent } from '../../../src/node/sniff';

void test('log text, UTF-8 and ANSI colour codes are text', () => {
  assert.equal(
    sniffContent(Buffer.from('Aug 06 07:59:04 host kubelet[1]: E0806 … ✓ ünïcode\n')).kind,
    'text',
  );
  assert.equal(sniffContent(Buffer.from('\x1b[31mERROR\x1b[0m time="2024"\r\n')).kind, 'text');
  assert.equal(sniffContent(Buffer.alloc(0)).kind, 'text');
});

void test('a few stray bad bytes in a long text stay text', () => {
  const text = Buffer.from('I0806 07:59:04.000001 1 x.go:1] fine\n'.repeat(200));
  text[100] = 0xff;
  text[500] = 0x00;
  assert.equal(sniffContent(text).kind, 'text');
});

void test('NUL-heavy and random bytes are binary, with a reason', () => {
  const journal = Buffer.concat([Buffer.from('LPKSHHRH'), Buffer.alloc(4096)]);
  const verdict = sniffContent(journal);
  assert.equal(verdict.kind, 'binary');
  assert.match(verdict.reason ?? '', /% NUL bytes in the first 4 KB/);
  const noise = Buffer.alloc(4096);
  for (let i = 0; i < noise.length; i++) {
    noise[i] = 0x80 + ((i * 31) % 0x7f);
  }
  assert.equal(sniffContent(noise).kind, 'binary');
});

void test('the gzip magic is recognised', () => {
  assert.equal(sniffContent(Buffer.from([0x1f, 0x8b, 8, 0])).kind, 'gzip');
});

void test('countInvalidUtf8 counts malformed bytes and tolerates a sequence cut at the end', () => {
  assert.equal(countInvalidUtf8(Buffer.from('héllo ✓')), 0);
  assert.equal(countInvalidUtf8(Buffer.from([0x61, 0xff, 0x62, 0xc3, 0x28])), 2);
  assert.equal(countInvalidUtf8(Buffer.from([0x61, 0xe2, 0x9c])), 0);
});
