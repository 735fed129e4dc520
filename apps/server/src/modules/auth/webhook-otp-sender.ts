// Sends sign-in codes to OTP_WEBHOOK_URL (your SMS provider's adapter, SPEC §9): POST JSON
// `{ phone, code, expiresAt }` signed like Stripe's webhooks, with a timeout and retries with backoff.
//
//   X-Bidwire-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(OTP_WEBHOOK_SECRET, "<t>.<raw body>")>
//   X-Bidwire-Delivery:  <uuid, the same on every attempt of one code, so a receiver can drop duplicates>
//
// The receiver recomputes the HMAC over the raw body it received and refuses stale timestamps (replays);
// README "Operating Bidwire" has a verification snippet. Only a 2xx answer counts as delivered.
import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DomainError } from '../../core/errors.js';
import type { OtpSender } from './otp-sender.js';

export const SIGNATURE_HEADER = 'x-bidwire-signature';
export const DELIVERY_HEADER = 'x-bidwire-delivery';
export const DELIVERY_FAILED_MESSAGE = 'We could not send the sign-in code. Try again shortly.';

export interface WebhookOtpSenderOptions {
  url: string;
  secret: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Attempts in all (1 = no retry). */
  attempts: number;
  /** First pause between attempts; it doubles after each (250 ms, 500 ms, 1 s, …). */
  backoffMs?: number;
  log: { warn: (obj: object, msg: string) => void };
}

/** `t=<unix>,v1=<hex>`: the timestamp is signed with the body, so an old delivery cannot be replayed as new. */
export function signWebhookBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** Statuses worth another try: the receiver is down, overloaded or timed out. A 4xx refusal will not change. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

// Hand-written rather than a retry library: three attempts with a doubling pause, a per-attempt timeout
// from fetch's AbortSignal, and one rule for what is retryable — less than a dependency's options.
export function createWebhookOtpSender(o: WebhookOtpSenderOptions): OtpSender {
  const backoffMs = o.backoffMs ?? 250;
  return {
    async send(phone, code, expiresAt) {
      const body = JSON.stringify({ phone, code, expiresAt: expiresAt.toISOString() });
      const delivery = randomUUID();
      let last = '';
      for (let attempt = 1; attempt <= o.attempts; attempt++) {
        if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
        try {
          const res = await fetch(o.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Bidwire-OTP-Webhook/1',
              [SIGNATURE_HEADER]: signWebhookBody(o.secret, body, Math.floor(Date.now() / 1000)),
              [DELIVERY_HEADER]: delivery,
            },
            body,
            signal: AbortSignal.timeout(o.timeoutMs),
            redirect: 'error',
          });
          await res.body?.cancel().catch(() => undefined);
          if (res.ok) return;
          last = `HTTP ${res.status}`;
          if (!retryable(res.status)) break;
        } catch (error) {
          last = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : String((error as Error)?.cause ?? error);
        }
      }
      // The phone number stays out of the log line: the delivery id finds it at the receiver.
      o.log.warn({ delivery, url: o.url, attempts: o.attempts, last }, 'sign-in code delivery failed');
      throw new DomainError('UNAVAILABLE', DELIVERY_FAILED_MESSAGE);
    },
  };
}
