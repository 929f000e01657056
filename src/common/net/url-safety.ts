import { type LookupAddress, type LookupOptions, promises as dns } from 'node:dns';
import { type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/**
 * Outbound requests to addresses a user chose (webhooks) must not reach the inside of the
 * network: only globally routable unicast addresses, unless an operator allow-listed a private
 * range (WEBHOOK_ALLOW_PRIVATE_NETWORKS). Range names come from ipaddr.js, which knows every
 * spelling (IPv4-mapped IPv6, 0x7f000001 is normalised by the URL parser before this).
 */
export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

/** Null when the address may be contacted, else why not (e.g. "127.0.0.1 is loopback"). */
export function addressProblem(address: string, allowed: readonly Cidr[]): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process(): an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 it is.
    ip = ipaddr.process(address);
  } catch {
    return `${address} is not an IP address`;
  }
  if (allowed.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return null;
  const range = ip.range();
  // Only plain global unicast; IPv6 transition ranges (6to4, Teredo, NAT64…) can embed any IPv4.
  return range === 'unicast' ? null : `${ip.toString()} is ${range}, not a public address`;
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/**
 * What can be said about a URL without resolving it: scheme, credentials, literal addresses and
 * names that always mean this machine. Used when a URL is entered and again before each request.
 */
export function urlProblem(raw: string, allowed: readonly Cidr[]): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs are allowed';
  if (url.username || url.password) return 'credentials in URLs are not allowed';
  const host = bareHost(url.hostname).toLowerCase();
  if (ipaddr.isValid(host)) return addressProblem(host, allowed);
  if (host === 'localhost' || host.endsWith('.localhost')) return addressProblem('127.0.0.1', allowed);
  return null;
}

/** Every address a name resolves to, in the order a connection should try them. */
export type ResolveAll = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

/** The system's resolver (getaddrinfo: /etc/hosts, then the configured DNS), as Node connects by default. */
export const systemResolver: ResolveAll = (hostname, options) => dns.lookup(hostname, { ...options, all: true, order: 'verbatim' });

/**
 * A resolver that asks only these DNS servers (A and AAAA records; no /etc/hosts), e.g. a public
 * resolver so that names of the internal network's own DNS do not resolve for webhooks at all.
 * `servers` as `dns.setServers` takes them ("10.0.0.53", "127.0.0.1:5353", "[::1]:53").
 */
export function dnsServersResolver(servers: string[]): ResolveAll {
  const resolver = new dns.Resolver({ timeout: 5000, tries: 2 });
  resolver.setServers(servers);
  const ask = (hostname: string, family: 4 | 6): Promise<LookupAddress[]> =>
    (family === 4 ? resolver.resolve4(hostname) : resolver.resolve6(hostname)).then(
      (found) => found.map((address) => ({ address, family })),
      // No record of this family is an empty answer; any other failure (timeout, refused) is one.
      (error: NodeJS.ErrnoException) => (error.code === 'ENODATA' || error.code === 'ENOTFOUND' ? [] : Promise.reject(error)),
    );
  return async (hostname, { family }) => {
    const v4 = family !== 6 && family !== 'IPv6';
    const v6 = family !== 4 && family !== 'IPv4';
    const [a, aaaa] = await Promise.all([v4 ? ask(hostname, 4) : [], v6 ? ask(hostname, 6) : []]);
    if (a.length + aaaa.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    return [...a, ...aaaa];
  };
}

/**
 * A `lookup` for http.request that resolves the name and refuses when ANY address it resolves
 * to is not allowed. The socket connects only to the addresses checked here (all of them, in
 * order, when Node tries several), so a DNS answer that changes between a check and the
 * connection (rebinding) cannot slip through.
 */
export function safeLookup(allowed: readonly Cidr[], resolve: ResolveAll = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family, hints: options.hints }).then(
      (addresses) => {
        const bad = addresses.map((a) => addressProblem(a.address, allowed)).find(Boolean);
        if (bad || addresses.length === 0) return callback(new UnsafeUrlError(`${hostname} resolves to a refused address: ${bad ?? 'none'}`), '', 0);
        if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
