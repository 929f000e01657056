import { describe, expect, it } from '@jest/globals';
import ipaddr from 'ipaddr.js';
import { type LookupAddress } from 'node:dns';
import { addressProblem, type Cidr, type ResolveAll, safeLookup, UnsafeUrlError, urlProblem } from './url-safety.js';

const none: Cidr[] = [];

describe('outbound URL safety', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://localhost/hook',
    'http://api.localhost/hook',
    'http://0.0.0.0/',
    'http://0x7f000001/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://127.0.0.1:6379/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://[ff02::1]/',
    'http://[::]/',
    'http://224.0.0.1/',
    'http://100.64.0.1/',
    'http://[2002:7f00:1::]/',
    'https://user:pass@example.org/hook',
    'ftp://example.org/hook',
  ])('refuses %s', (url) => {
    expect(urlProblem(url, none)).toEqual(expect.any(String));
  });

  it.each(['https://hooks.example.org/concordia', 'http://93.184.216.34/hook', 'https://[2606:4700:4700::1111]/hook'])('accepts %s', (url) => {
    expect(urlProblem(url, none)).toBeNull();
  });

  it('lets an allow-listed private range through, and only that range', () => {
    const allowed: Cidr[] = [ipaddr.parseCIDR('127.0.0.1/32'), ipaddr.parseCIDR('10.1.0.0/16')];
    expect(urlProblem('http://127.0.0.1:8080/hook', allowed)).toBeNull();
    expect(addressProblem('10.1.2.3', allowed)).toBeNull();
    expect(addressProblem('10.2.0.1', allowed)).toMatch(/private/);
    expect(addressProblem('127.0.0.2', allowed)).toMatch(/loopback/);
    expect(addressProblem('::1', allowed)).toMatch(/loopback/);
  });
});

describe('safeLookup (the check at connection time)', () => {
  const resolve = (host: string, allowed: Cidr[]) =>
    new Promise<{ error: Error | null; address: string }>((done) =>
      safeLookup(allowed)(host, { family: 0 }, (error, address) => done({ error, address: address as string })),
    );

  it('refuses a name that resolves to loopback, and lets it through when allow-listed', async () => {
    const refused = await resolve('localhost', []);
    expect(refused.error).toBeInstanceOf(UnsafeUrlError);
    expect(refused.error!.message).toMatch(/loopback/);
    const allowed = await resolve('localhost', [ipaddr.parseCIDR('127.0.0.0/8'), ipaddr.parseCIDR('::1/128')]);
    expect(allowed.error).toBeNull();
    expect(allowed.address).toMatch(/^(127\.|::1$)/);
  });

  // A resolver answering from a table, as a DNS server would.
  const answering =
    (table: Record<string, string[]>): ResolveAll =>
    async (host) =>
      (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  const resolveAll = (host: string, resolver: ResolveAll) =>
    new Promise<{ error: Error | null; addresses: LookupAddress[] }>((done) =>
      safeLookup([], resolver)(host, { family: 0, all: true }, (error, addresses) => done({ error, addresses: addresses as LookupAddress[] })),
    );

  it('refuses a name when any address it resolves to is refused, wherever it comes in the answer', async () => {
    for (const answer of [
      ['93.184.216.34', '127.0.0.1'],
      ['127.0.0.1', '93.184.216.34'],
      ['93.184.216.34', '2606:4700:4700::1111', '::1'],
    ]) {
      const { error } = await resolveAll('mixed.example', answering({ 'mixed.example': answer }));
      expect(error).toBeInstanceOf(UnsafeUrlError);
      expect(error!.message).toMatch(/loopback/);
    }
  });

  it('hands the connection exactly the addresses it checked, in order', async () => {
    const { error, addresses } = await resolveAll('public.example', answering({ 'public.example': ['93.184.216.34', '2606:4700:4700::1111'] }));
    expect(error).toBeNull();
    expect(addresses).toEqual([
      { address: '93.184.216.34', family: 4 },
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
  });
});
