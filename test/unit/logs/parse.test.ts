import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseLine } from '../../../src/shared/logs/parse';

void describe('parseLine', () => {
  void test('klog text: level letter, year-less time with assumeYear, message after the header', () => {
    const line = 'E0806 07:59:04.839883    1498 kubelet.go:1991] "Skipping pod synchronization" err="x"';
    const p = parseLine(line, 2024);
    assert.equal(p.format, 'klog');
    assert.equal(p.level, 'error');
    assert.equal(p.timestamp, Date.UTC(2024, 7, 6, 7, 59, 4, 839));
    assert.equal(p.yearAssumed, true);
    assert.equal(p.message, '"Skipping pod synchronization" err="x"');
    assert.equal(line.slice(p.messageOffset), p.message);
  });

  void test('klog without assumeYear has no timestamp; all four levels', () => {
    assert.equal(parseLine('I0806 07:59:04.839883 1 a.go:1] m').timestamp, undefined);
    assert.deepEqual(
      ['I', 'W', 'E', 'F'].map((l) => parseLine(`${l}0806 07:59:04.839883 1 a.go:1] m`).level),
      ['info', 'warning', 'error', 'fatal'],
    );
  });

  void test('journald short with an inner klog line: outer host/unit, inner level and message', () => {
    const line =
      'Aug 06 07:59:04 k8s-wa-2 kubelet[1498]: E0806 07:59:04.839883    1498 kubelet.go:1991] "Skipping pod synchronization"';
    const p = parseLine(line, 2024);
    assert.equal(p.format, 'journald');
    assert.equal(p.host, 'k8s-wa-2');
    assert.equal(p.unit, 'kubelet');
    assert.equal(p.level, 'error');
    assert.equal(p.timestamp, Date.UTC(2024, 7, 6, 7, 59, 4));
    assert.equal(p.message, '"Skipping pod synchronization"');
    assert.equal(line.slice(p.messageOffset), p.message);
  });

  void test('BSD syslog with single-digit day, unit without pid, and short-precise fractions', () => {
    const p = parseLine(
      'Mar  2 15:23:27 v-docker-k6 kube-proxy: E0302 15:23:27.490837 3904 proxier.go:1520] Failed',
      2023,
    );
    assert.equal(p.unit, 'kube-proxy');
    assert.equal(p.timestamp, Date.UTC(2023, 2, 2, 15, 23, 27));
    assert.equal(p.message, 'Failed');
    const precise = parseLine('Jun 16 09:10:01.118203 node-222 kubelet[1021]: hello', 2022);
    assert.equal(precise.timestamp, Date.UTC(2022, 5, 16, 9, 10, 1, 118));
  });

  void test('journald line carrying containerd logfmt: level from logfmt, time from the journal prefix', () => {
    const p = parseLine(
      'Aug 06 07:51:01 worker-pleg containerd[812]: time="2024-08-06T07:51:01.402118937Z" level=error msg="boom" error="x"',
      2024,
    );
    assert.equal(p.format, 'journald');
    assert.equal(p.unit, 'containerd');
    assert.equal(p.level, 'error');
    assert.equal(p.message, 'msg="boom" error="x"');
  });

  void test('journald line without assumeYear takes the inner logfmt time, which has a year', () => {
    const p = parseLine(
      'Aug 06 07:51:01 w containerd[812]: time="2024-08-06T07:51:01.402118937Z" level=info msg="x"',
    );
    assert.equal(p.timestamp, Date.UTC(2024, 7, 6, 7, 51, 1, 402));
    assert.equal(p.yearAssumed, undefined);
  });

  void test('RFC 3339 syslog and journalctl -o short-iso offsets', () => {
    const iso = parseLine(
      '2024-08-06T07:59:04.123456+02:00 host kubelet[1498]: I0806 05:59:04.1 1 a.go:1] hi',
    );
    assert.equal(iso.format, 'syslog-iso');
    assert.equal(iso.timestamp, Date.UTC(2024, 7, 6, 5, 59, 4, 123));
    assert.equal(iso.message, 'hi');
    const shortIso = parseLine('2024-08-06T07:59:04+0000 host kubelet[1498]: plain text');
    assert.equal(shortIso.timestamp, Date.UTC(2024, 7, 6, 7, 59, 4));
    assert.equal(shortIso.unit, 'kubelet');
  });

  void test('RFC 5424 records', () => {
    const p = parseLine(
      '2024-02-07T02:49:40.739405+00:00 NodeA kubelet 24578 - -  E0207 02:49:40.738973 24578 remote_runtime.go:176] "RunPodSandbox failed"',
    );
    assert.equal(p.format, 'syslog-iso');
    assert.equal(p.host, 'NodeA');
    assert.equal(p.unit, 'kubelet');
    assert.equal(p.level, 'error');
    assert.equal(p.message, '"RunPodSandbox failed"');
  });

  void test('plain containerd logfmt file line', () => {
    const line =
      'time="2024-08-06T07:55:39.017744120Z" level=error msg="ListPodSandbox failed" error="rpc error"';
    const p = parseLine(line);
    assert.equal(p.format, 'logfmt');
    assert.equal(p.level, 'error');
    assert.equal(p.timestamp, Date.UTC(2024, 7, 6, 7, 55, 39, 17));
    assert.equal(p.message, 'msg="ListPodSandbox failed" error="rpc error"');
    assert.equal(
      parseLine('time="2024-04-11 21:50:04.343272892+08:00" level=warning msg="x"').timestamp,
      Date.UTC(2024, 3, 11, 13, 50, 4, 343),
    );
    assert.equal(parseLine('level=warn ts=2024 msg="x"').level, 'warning');
  });

  void test('kubelet JSON: seconds or milliseconds in ts, level inferred from err/v', () => {
    const info = parseLine('{"ts":1722931144.839883,"caller":"k.go:1","msg":"Kubelet version","v":0}');
    assert.equal(info.format, 'klog-json');
    assert.equal(info.timestamp, 1722931144840);
    assert.equal(info.level, 'info');
    const err = parseLine('{"ts":1753121331919.7622,"caller":"k.go:1","msg":"Skipping","err":"PLEG"}');
    assert.equal(err.timestamp, 1753121331920);
    assert.equal(err.level, 'error');
  });

  void test('kernel ring buffer, dmesg -T and kern.log', () => {
    const ring = parseLine('[ 1880.554021] INFO: task x:1 blocked');
    assert.equal(ring.format, 'kernel');
    assert.equal(ring.timestamp, undefined);
    assert.equal(ring.message, 'INFO: task x:1 blocked');
    const human = parseLine('[Tue Aug  6 07:56:30 2024] hello');
    assert.equal(human.timestamp, Date.UTC(2024, 7, 6, 7, 56, 30));
    const kern = parseLine(
      'Aug  6 07:56:30 worker kernel: [ 1880.554021] EXT4-fs error (device sdb1): x',
      2024,
    );
    assert.equal(kern.format, 'journald');
    assert.equal(kern.unit, 'kernel');
    assert.equal(kern.message, 'EXT4-fs error (device sdb1): x');
  });

  void test('CRI container log records keep the CRI time and parse the inner klog line', () => {
    const p = parseLine(
      '2024-05-02T11:45:10.331001112Z stderr F E0502 11:45:10.331001 1 proxier.go:1520] "Failed"',
    );
    assert.equal(p.format, 'cri');
    assert.equal(p.timestamp, Date.UTC(2024, 4, 2, 11, 45, 10, 331));
    assert.equal(p.level, 'error');
    assert.equal(p.message, '"Failed"');
  });

  void test('docker json-file container logs', () => {
    const p = parseLine(
      '{"log":"E1103 18:28:07.208359 1 authentication.go:65] x509: certificate has expired\\n","stream":"stderr","time":"2021-11-03T18:28:07.208526256Z"}',
    );
    assert.equal(p.format, 'cri');
    assert.equal(p.timestamp, Date.UTC(2021, 10, 3, 18, 28, 7, 208));
  });

  void test('plain text, empty lines, CRLF and junk never throw', () => {
    assert.deepEqual(parseLine('hello world'), { format: 'plain', message: 'hello world', messageOffset: 0 });
    assert.equal(parseLine('').format, 'plain');
    assert.equal(parseLine('I0806 07:59:04.1 1 a.go:1] m\r', 2024).message, 'm');
    assert.equal(parseLine('\u0000\uFFFD\uD800{"msg"').format, 'plain');
    assert.equal(parseLine('{"msg":"half a json line').format, 'klog-json');
    assert.equal(parseLine('Foo 99 99:99:99 h u: x').format, 'plain');
  });
});
