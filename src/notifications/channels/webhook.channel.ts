import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Inject, Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { type EntityManager } from 'typeorm';
import { dnsServersResolver, type ResolveAll, safeLookup, systemResolver, UnsafeUrlError, urlProblem } from '../../common/net/url-safety.js';
import { AppConfig } from '../../config/app-config.js';
import { DelegationEntity } from '../../delegations/delegation.entity.js';
import { type NotificationDeliveryEntity } from '../notification-delivery.entity.js';
import { type ChannelOutcome, type DeliveryChannel } from './channel.js';

export const SIGNATURE_HEADER = 'X-Concordia-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the delegation's secret. */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const TIMEOUT_MS = 10_000;

/**
 * POSTs the event as JSON to the delegation's webhook. Any non-2xx answer is retried with backoff,
 * except what can never succeed: a URL or resolved address that is not public (SSRF; see
 * url-safety.ts) and redirects (never followed). Those fail at once with the reason, without
 * retries (UnrecoverableError), visible in deliveryFailures.
 */
@Injectable()
export class WebhookChannel implements DeliveryChannel {
  private readonly resolve: ResolveAll;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    this.resolve = config.webhookDnsServers.length ? dnsServersResolver(config.webhookDnsServers) : systemResolver;
  }

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
    const status = await this.post(delegation.webhookUrl, body, {
      'Content-Type': 'application/json',
      'User-Agent': 'Concordia-Webhook/1',
      [SIGNATURE_HEADER]: signWebhookBody(body, delegation.webhookSecret),
      'X-Concordia-Delivery': delivery.id,
    });
    if (status >= 300 && status < 400) throw new UnrecoverableError(`webhook refused: redirects are not followed (HTTP ${status})`);
    if (status < 200 || status >= 300) throw new Error(`webhook answered HTTP ${status}`);
    return { status: 'sent' };
  }

  /** One request, connected only to an address checked at connection time; the answer body is discarded. */
  private post(target: string, body: string, headers: Record<string, string>): Promise<number> {
    const allowed = this.config.webhookAllowedNetworks;
    const problem = urlProblem(target, allowed);
    if (problem) return Promise.reject(new UnrecoverableError(`webhook refused: ${problem}`));
    const url = new URL(target);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<number>((resolve, reject) => {
      const req = transport.request(
        url,
        { method: 'POST', headers: { ...headers, 'Content-Length': Buffer.byteLength(body) }, lookup: safeLookup(allowed, this.resolve), timeout: TIMEOUT_MS },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`webhook did not answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', (error) => reject(error instanceof UnsafeUrlError ? new UnrecoverableError(`webhook refused: ${error.message}`) : error));
      req.end(body);
    });
  }
}
