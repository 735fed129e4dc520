// The CORS allowlist (CORS_ORIGINS); without it, development allows localhost origins only.
const LOCALHOST = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export function originChecker(allowlist: string[] | undefined): (origin: string) => boolean {
  if (!allowlist) return (origin) => LOCALHOST.test(origin);
  const allowed = new Set(allowlist);
  return (origin) => allowed.has(origin) || allowed.has('*');
}
