// Where sign-in codes go: the signed webhook (OTP_WEBHOOK_URL, production), or the log (development).
// A sender that cannot deliver throws a DomainError the caller sees (503 UNAVAILABLE).
import type { Config } from '../../config.js';
import { createWebhookOtpSender } from './webhook-otp-sender.js';

export interface OtpSender {
  send(phone: string, code: string, expiresAt: Date): Promise<void>;
}

export function createLogOtpSender(log: { info: (obj: object, msg: string) => void }): OtpSender {
  return {
    async send(phone, code) {
      log.info({ phone, code }, 'sign-in code (development sender)');
    },
  };
}

/** The configured sender; null when phone sign-in is off (production with an external identity provider only). */
export function createOtpSender(
  delivery: Config['otpDelivery'],
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void },
): OtpSender | null {
  switch (delivery.kind) {
    case 'webhook':
      return createWebhookOtpSender({ ...delivery, log });
    case 'log':
      return createLogOtpSender(log);
    case 'off':
      return null;
  }
}
