import { describe, expect, it } from '@jest/globals';
import { renderEmail } from './email-template.js';

describe('notification e-mail', () => {
  const body = 'Dear Ana,\n\nReason given by FR: Goal 3 & its <annex> "need" more time.\nOpen: https://concordia.example/graphql (statement 42).';

  it('keeps the text part as written and adds the footer in the notification’s language', () => {
    const en = renderEmail({ subject: 'Silence broken', body, language: 'en' }, 'https://concordia.example');
    expect(en.text.startsWith(body)).toBe(true);
    expect(en.text).toContain('in your notification preferences');
    const de = renderEmail({ subject: 'Schweigen gebrochen', body: 'Guten Tag Ana,', language: 'de' }, 'https://concordia.example');
    expect(de.text).toContain('Benachrichtigungseinstellungen');
    expect(de.html).toContain('<html lang="de">');
  });

  it('escapes what users typed in the HTML part and links only URLs', () => {
    const { html } = renderEmail({ subject: 'A <b>title</b>', body, language: 'fr' }, 'https://concordia.example');
    expect(html).toContain('Goal 3 &amp; its &lt;annex&gt; &quot;need&quot; more time.');
    expect(html).not.toContain('<annex>');
    expect(html).toContain('<title>A &lt;b&gt;title&lt;/b&gt;</title>');
    expect(html).toContain('<a href="https://concordia.example/graphql">https://concordia.example/graphql</a> (statement 42).');
    expect(html).toContain('<p>Dear Ana,</p>');
    expect(html).toContain('préférences de notification');
  });
});
