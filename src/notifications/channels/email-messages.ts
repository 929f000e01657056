import * as base64 from 'nodemailer/lib/base64';
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
 * pass with nodemailer's own pieces: MimeNode writes and encodes every header (addresses, encoded
 * words, the boundary) and picks each part's transfer encoding, nodemailer's QP and base64 encoders
 * encode the parts. Only the RFC 2046 framing (boundary lines) is put together here. nodemailer's
 * composer produces the same message through a stream per part, which cost about 0.9 ms of CPU per
 * e-mail against 0.2 ms here: a circulation sends hundreds at once (issue 17).
 */
export function buildEmail(order: EmailOrder): BuiltEmail {
  const root = new MimeNode('multipart/alternative');
  const messageId = `<${order.deliveryId}@concordia>`;
  root.setHeader({
    From: order.from,
    To: order.to,
    Subject: order.subject,
    'Message-ID': messageId,
    'X-Concordia-Kind': order.kind,
    'X-Concordia-Delivery': order.deliveryId,
  });
  const parts = [part(root, 'text/plain', order.text), part(root, 'text/html', order.html)];
  // buildHeaders settles the boundary (in the Content-Type header) before it is used below.
  const lines = [root.buildHeaders(), ''];
  for (const p of parts) lines.push(`--${root.boundary}`, p);
  lines.push(`--${root.boundary}--`, '');
  return { raw: Buffer.from(lines.join('\r\n')), envelope: root.getEnvelope() as BuiltEmail['envelope'], messageId };
}

/** A text part: its headers (Content-Type, the transfer encoding MimeNode picks for the content) and its encoded content. */
function part(root: MimeNode, type: string, content: string): string {
  const node = root.createChild(`${type}; charset=utf-8`);
  node.setContent(content);
  const encoding = node.getTransferEncoding();
  const body =
    encoding === 'quoted-printable' ? qp.wrap(qp.encode(content), LINE) : encoding === 'base64' ? base64.wrap(base64.encode(content), LINE) : content;
  return `${node.buildHeaders()}\r\n\r\n${body}`;
}
