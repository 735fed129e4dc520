// Where the Bidwire server is: the page's own origin (the server serves this app; `pnpm dev` proxies to it).
import { createRestClient } from '@bidwire/sdk';

export const SERVER_URL = window.location.origin;

/** REST without a token: sign-in and token refresh. */
export const publicRest = createRestClient({ baseUrl: SERVER_URL });
