// A stand-in for your SMS provider's adapter, for the docker-compose stack: it receives Bidwire's OTP
// webhook, checks the signature exactly as a real receiver must, and prints the code instead of texting it.
//   X-Bidwire-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
// Run: OTP_WEBHOOK_SECRET=... node otp-log-receiver.mjs   (listens on PORT, default 8025)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const secret = process.env.OTP_WEBHOOK_SECRET;
if (!secret) {
  console.error('OTP_WEBHOOK_SECRET is required');
  process.exit(1);
}
const TOLERANCE_SECONDS = 300; // refuse deliveries signed more than 5 minutes ago (replays)
const seen = new Set(); // X-Bidwire-Delivery ids: a retried delivery is printed once

function verify(header, rawBody, key, now = Date.now() / 1000) {
  const parts = Object.fromEntries(String(header ?? '').split(',').map((p) => p.split('=')));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now - t) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', key).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (req.method !== 'POST' || !verify(req.headers['x-bidwire-signature'], body, secret)) {
      res.writeHead(401).end();
      return;
    }
    const delivery = req.headers['x-bidwire-delivery'];
    if (!seen.has(delivery)) {
      seen.add(delivery);
      const { phone, code, expiresAt } = JSON.parse(body);
      console.log(`sign-in code for ${phone}: ${code} (valid until ${expiresAt})`);
    }
    res.writeHead(204).end();
  });
}).listen(Number(process.env.PORT ?? 8025), () => console.log(`OTP log receiver listening on ${process.env.PORT ?? 8025}`));
