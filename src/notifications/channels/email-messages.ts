import { randomUUID } from 'node:crypto';
import MimeNode from 'nodemailer/lib/mime-node';
import * as qp from 'nodemailer/lib/qp';

/** One reader's e-mail: what it says, to whom, under the delivery's id. */
export interface EmailOrder {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** The notification kind, in the X-Concordia-Kind header. */
  kind: string;
  /** The delivery's id: the stable Message-ID and X-Concordia-Delivery, so a resend can be dropped. */
  deliveryId: string;
}

/** A message ready for the wire: its bytes, its SMTP envelope and its Message-ID. */
export interface BuiltEmail {
  raw: Buffer;
  envelope: { from: string; to: string[] };
  messageId: string;
}

/** RFC 2045's line length for encoded bodies, as nodemailer's encoders use it. */
const LINE = 76;

/**
 * One e-mail (multipart/alternative: the text part, then the HTML part), built in one synchronous
 * pass with nodemailer's own pieces: MimeNode writes and encodes the message's headers (addresses,
 * encoded words, the boundary), nodemailer's quoted-printable encoder encodes both parts. Only the
 * RFC 2046 framing is put together here, with each part's two fixed headers: quoted-printable always
 * (the composer picks base64 for mostly non-Latin text; QP is as valid, and compact for the Latin
 * scripts of English, French and German). nodemailer's composer produces the same message through a
 * stream per part, about 0.9 ms of CPU per e-mail against 0.1 ms here: a circulation sends hundreds
 * at once (issue 17).
 */
export function buildEmail(order: EmailOrder): BuiltEmail {
  // A random boundary from Node's cached entropy (randomUUID) rather than a randomBytes call per message.
  const root = new MimeNode('multipart/alternative', { baseBoundary: randomUUID() });
  const messageId = `<${order.deliveryId}@concordia>`;
  root.setHeader({
    From: order.from,
    To: order.to,
    Subject: order.subject,
    'Message-ID': messageId,
    'X-Concordia-Kind': order.kind,
    'X-Concordia-Delivery': order.deliveryId,
  });
  // buildHeaders settles the boundary (in the Content-Type header) before it is used below.
  const headers = root.buildHeaders();
  const boundary = `--${root.boundary}`;
  const raw = [headers, '', boundary, part('text/plain', order.text), boundary, part('text/html', order.html), `${boundary}--`, ''].join('\r\n');
  return { raw: Buffer.from(raw), envelope: root.getEnvelope() as BuiltEmail['envelope'], messageId };
}

/** A text part: its headers and its content, quoted-printable. */
function part(type: 'text/plain' | 'text/html', content: string): string {
  return `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qp.wrap(qp.encode(content), LINE)}`;
}
