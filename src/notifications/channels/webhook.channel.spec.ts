import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { signWebhookBody } from './webhook.channel.js';

describe('webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the exact body with the delegation secret', () => {
    const body = JSON.stringify({ id: 'd1', subject: 'Invitation' });
    const expected = createHmac('sha256', 'sixteen-char-secret').update(body).digest('hex');
    expect(signWebhookBody(body, 'sixteen-char-secret')).toBe(`sha256=${expected}`);
    expect(signWebhookBody(`${body} `, 'sixteen-char-secret')).not.toBe(`sha256=${expected}`);
  });
});
