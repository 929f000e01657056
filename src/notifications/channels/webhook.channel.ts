import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { type NotificationDeliveryEntity } from '../notification-delivery.entity.js';
import { type ChannelOutcome, type DeliveryChannel } from './channel.js';

export const SIGNATURE_HEADER = 'X-Concordia-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the delegation's secret. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const TIMEOUT_MS = 10_000;

/** POSTs the event as JSON to the delegation's webhook; any non-2xx answer is retried with backoff. */
@Injectable()
export class WebhookChannel implements DeliveryChannel {
  async send(delivery: NotificationDeliveryEntity, em: EntityManager): Promise<ChannelOutcome> {
    const delegation = await em
      .createQueryBuilder(DelegationEntity, 'd')
      .addSelect('d.webhookSecret')
      .where('d.id = :id', { id: delivery.delegationId })
      .getOne();
    if (!delegation?.webhookUrl || !delegation.webhookSecret) return { status: 'skipped', reason: 'the delegation has no webhook any more' };

    const body = JSON.stringify({
      id: delivery.id,
      eventKey: delivery.eventKey,
      delegation: delegation.code,
      sentAt: new Date().toISOString(),
      ...delivery.payload,
    });
    const response = await fetch(delegation.webhookUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Concordia-Webhook/1',
        [SIGNATURE_HEADER]: signWebhookBody(body, delegation.webhookSecret),
        'X-Concordia-Delivery': delivery.id,
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
    return { status: 'sent' };
  }
}
