// The OTP routes over plain HTTP for the auth tests: `post` to any path, `requestCode` asks a code for a phone and
// answers the dev echo (OTP_DEV_ECHO is on in tests).
import { expect } from 'vitest';
import type { TestServer } from './harness.js';
import { http } from './raw-socket.js';

export function authRoutes(server: () => TestServer) {
  const post = (path: string, body: unknown) => http(server().url, 'POST', path, { body });
  const requestCode = async (phone: string) => {
    const res = await post('/auth/otp/request', { phone });
    expect(res.status).toBe(200);
    return res.body.devCode as string;
  };
  return { post, requestCode };
}
