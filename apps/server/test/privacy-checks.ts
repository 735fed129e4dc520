// The privacy checks of SPEC §1 as reusable functions: no secret of a user in any recorded payload, no
// private key, and every user-shaped value exactly the public shape { id, name, avatarUrl? }.
import { ERROR_CODES } from '@bidwire/sdk';
import type { UserWithSecrets } from './fixtures.js';

export interface Seen {
  where: string;
  payload: unknown;
}

const FORBIDDEN_KEYS = new Set(['phone', 'code', 'roles', 'tokenHash', 'codeHash', 'refreshToken', 'accessToken', 'externalSub', 'topics']);
/** Keys whose value is a user (or a list of users) in auction, chat, notification and game payloads. */
const USER_KEYS = new Set(['user', 'owner', 'winner', 'sender', 'addedBy', 'removedBy', 'participants', 'referredUser', 'player', 'creator']);
const PUBLIC_USER_KEYS = new Set(['id', 'name', 'avatarUrl']);

const isErrorPayload = (o: Record<string, unknown>) =>
  typeof o.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(o.code);
/** A field issue of VALIDATION_FAILED's `details.issues`: its `code` is zod's (`too_small`, ...), never a secret. */
const isValidationIssue = (o: Record<string, unknown>) =>
  typeof o.path === 'string' && typeof o.message === 'string' && typeof o.code === 'string' && /^[a-z_]+$/.test(o.code);

function walk(value: unknown, visit: (key: string, v: unknown, parent: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) return value.forEach((v) => walk(v, visit));
  if (typeof value !== 'object' || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    visit(key, v, value as Record<string, unknown>);
    walk(v, visit);
  }
}

const digitsPattern = (digits: string) => new RegExp(`(?<!\\d)${digits}(?!\\d)`);

function secretsOf(u: UserWithSecrets) {
  const plain = (label: string, s: string) => ({ label, test: (json: string) => json.includes(s) });
  const digits = (label: string, s: string) => ({ label, test: (json: string) => digitsPattern(s).test(json) });
  return [
    plain(`${u.name}'s phone`, u.phone),
    digits(`${u.name}'s phone without '+'`, u.phone.slice(1)),
    digits(`${u.name}'s national number`, u.phone.slice(2)),
    digits(`${u.name}'s OTP code`, u.code),
    plain(`${u.name}'s access token`, u.accessToken),
    plain(`${u.name}'s access token signature`, u.accessToken.split('.')[2]!),
    plain(`${u.name}'s refresh token`, u.refreshToken),
  ];
}

/** Every leak found: secrets, private keys, and user values that are not the public shape of a known user. */
export function privacyProblems(seen: readonly Seen[], users: readonly UserWithSecrets[]): { leaks: string[]; users: number } {
  const leaks: string[] = [];
  const secrets = users.flatMap(secretsOf);
  let userValues = 0;
  for (const s of seen) {
    const json = JSON.stringify(s.payload);
    for (const secret of secrets) if (secret.test(json)) leaks.push(`${secret.label} in ${s.where}`);
    walk(s.payload, (key, value, parent) => {
      if (FORBIDDEN_KEYS.has(key) && !(key === 'code' && (isErrorPayload(parent) || isValidationIssue(parent)))) leaks.push(`${key} in ${s.where}`);
      if (!USER_KEYS.has(key) || value === null) return;
      for (const u of Array.isArray(value) ? value : [value]) {
        userValues++;
        const extra = Object.keys(u as object).filter((k) => !PUBLIC_USER_KEYS.has(k));
        if (extra.length > 0) leaks.push(`${extra.join(', ')} in a user in ${s.where}`);
        const known = users.some((k) => k.id === (u as { id: string }).id && k.name === (u as { name: string }).name);
        if (!known) leaks.push(`an unknown user ${JSON.stringify(u)} in ${s.where}`);
      }
    });
  }
  return { leaks, users: userValues };
}
