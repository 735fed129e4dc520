// Where sign-in codes go. Development logs them; a real SMS sender implements the same interface.
export interface OtpSender {
  send(phone: string, code: string): Promise<void>;
}

export function createLogOtpSender(log: { info: (obj: object, msg: string) => void }): OtpSender {
  return {
    async send(phone, code) {
      log.info({ phone, code }, 'sign-in code (development sender)');
    },
  };
}
