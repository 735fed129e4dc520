// Money and time as people read them. Amounts are integer minor units (cents) everywhere in Bidwire.
const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

export const formatMoney = (cents: number | null | undefined): string => (cents === null || cents === undefined ? '—' : money.format(cents / 100));

/** "12.50" typed by a person → 1250 cents; null when it is not a positive amount. */
export function parseMoney(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
  const cents = Math.round(Number(trimmed) * 100);
  return cents > 0 ? cents : null;
}

/** 1250 → "12.50", for prefilling an amount field. */
export const moneyInput = (cents: number): string => (cents / 100).toFixed(2);

export const formatTime = (iso: string): string => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
