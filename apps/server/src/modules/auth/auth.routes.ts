// REST routes of SPEC §2: /auth/otp/request, /auth/otp/verify, /auth/refresh, /auth/logout.
import { restRoutes } from '@bidwire/contract';
import type { RouteBinder } from '../../http/bind-route.js';
import type { AuthService } from './auth.service.js';

export function registerAuthRoutes(bind: RouteBinder, auth: AuthService) {
  bind(restRoutes.requestOtp, ({ body }) => auth.requestOtp(body.phone));
  bind(restRoutes.verifyOtp, ({ body }) => auth.verifyOtp(body.phone, body.code, body.name));
  bind(restRoutes.refresh, ({ body }) => auth.refresh(body.refreshToken));
  bind(restRoutes.logout, async ({ body }) => {
    await auth.logout(body.refreshToken);
    return null;
  });
}
