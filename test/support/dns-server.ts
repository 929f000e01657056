import dgram from 'node:dgram';
import { isIPv4, isIPv6 } from 'node:net';
import ipaddr from 'ipaddr.js';

const A = 1;
const AAAA = 28;

/**
 * A tiny authoritative DNS server on 127.0.0.1 (UDP, RFC 1035 messages) answering A and AAAA
 * questions from `records`, NXDOMAIN for any other name. It lets a test give a name any set of
 * addresses without the network or /etc/hosts; the service reaches it as a real DNS server
 * (WEBHOOK_DNS_SERVERS), through Node's own resolver.
 */
export class DnsServer {
  /** Name (lower case, no trailing dot) → its addresses, IPv4 and IPv6 mixed, in answer order. */
  readonly records = new Map<string, string[]>();
  /** Every name asked about, in order. */
  readonly questions: string[] = [];
  private readonly socket = dgram.createSocket('udp4');
  port = 0;

  /** As WEBHOOK_DNS_SERVERS takes it. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.socket.on('message', (query, peer) => {
      const reply = this.answer(query);
      if (reply) this.socket.send(reply, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    this.port = this.socket.address().port;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  /** The reply to one query: its id and question echoed, then the records of the asked type. */
  private answer(query: Buffer): Buffer | null {
    if (query.length < 12) return null;
    const labels: string[] = [];
    let i = 12;
    while (i < query.length && query[i] !== 0) {
      const length = query[i];
      if (length > 63) return null; // no compression in a question
      labels.push(query.subarray(i + 1, i + 1 + length).toString('latin1'));
      i += 1 + length;
    }
    const end = i + 5; // the root label, QTYPE, QCLASS
    if (end > query.length) return null;
    const type = query.readUInt16BE(i + 1);
    const name = labels.join('.').toLowerCase();
    this.questions.push(name);

    const known = this.records.get(name);
    const addresses = (known ?? []).filter((a) => (type === A ? isIPv4(a) : type === AAAA ? isIPv6(a) : false));
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    // QR and AA set, RD echoed; RCODE 3 (NXDOMAIN) for a name it does not know.
    header.writeUInt16BE(0x8400 | (query.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses.length, 6);
    const records = addresses.map((address) => {
      const data = Buffer.from(ipaddr.parse(address).toByteArray());
      const record = Buffer.alloc(12);
      record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      record.writeUInt16BE(type, 2);
      record.writeUInt16BE(1, 4); // class IN
      record.writeUInt32BE(0, 6); // TTL 0: never cached, a changed answer counts at once
      record.writeUInt16BE(data.length, 10);
      return Buffer.concat([record, data]);
    });
    return Buffer.concat([header, query.subarray(12, end), ...records]);
  }
}
