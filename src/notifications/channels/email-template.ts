import { textsFor } from '../i18n/notification-texts.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** http(s) links in a line of text; a trailing period or closing bracket is not part of them. */
const LINK = /https?:\/\/[^\s<>"]+?(?=[.,;:!?)\]]*(?:\s|$))/g;

/** One line as HTML: escaped, its links clickable. */
function lineHtml(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(LINK)) {
    out += escapeHtml(line.slice(last, match.index));
    const url = escapeHtml(match[0]);
    out += `<a href="${url}">${url}</a>`;
    last = match.index + match[0].length;
  }
  return out + escapeHtml(line.slice(last));
}

/**
 * The e-mail of one notification: its subject and body as written for the reader (in their
 * language), framed in that same language — the footer and the HTML part's `lang`. The HTML part is
 * the text part's paragraphs, escaped (subjects and bodies carry titles and reasons that users typed),
 * with links made clickable; nothing in it is loaded from elsewhere.
 */
export function renderEmail(notification: { subject: string; body: string; language: string }, publicUrl: string): RenderedEmail {
  const t = textsFor(notification.language);
  const preferences = t.t('email.preferences');
  const text = `${notification.body}\n\n--\nConcordia · ${publicUrl}\n${preferences}`;
  const paragraphs = notification.body
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(lineHtml).join('<br>\n')}</p>`)
    .join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${escapeHtml(t.language)}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(notification.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.4">',
    paragraphs,
    '<hr>',
    `<p style="color: #555; font-size: small">Concordia · ${lineHtml(publicUrl)}<br>\n${escapeHtml(preferences)}</p>`,
    '</body>',
    '</html>',
  ].join('\n');
  return { subject: notification.subject, text, html };
}
