// The one Lot/Bid column map of the bid write: which columns the direct SQL writers read and write, of which
// kind, how each kind is written in each dialect and read back from either driver. A Lot or Bid column the bid
// write touches is added here (and in schema.prisma); both SQL writers build their statements from these maps.
import type { LotRow } from './auction.mappers.js';

/** How a column is typed: its kind, and `?` when it may be null. */
export type ColumnKind = BaseKind | `${BaseKind}?`;
type BaseKind = 'text' | 'int' | 'float' | 'money' | 'time' | 'bool';
interface KindTypes {
  text: string;
  int: number;
  float: number;
  money: bigint;
  time: Date;
  bool: boolean;
}
/** The row a column map decodes to. */
export type Decoded<C extends Record<string, ColumnKind>> = {
  -readonly [K in keyof C]: C[K] extends `${infer B extends BaseKind}?` ? KindTypes[B] | null : C[K] extends BaseKind ? KindTypes[C[K]] : never;
};

/**
 * The open lot a batch is decided against: the public row plus its soft-close window and what the maximum-bid
 * rule keeps (private: never mapped to a public shape).
 */
export type OpenLot = LotRow & {
  softCloseMs: number | null;
  /** The bid that leads: the leader's latest bid, at `highestBid`. */
  leadingBidId: string | null;
  /** The leader's standing maximum. */
  leaderMax: bigint | null;
  /** The best standing maximum of anyone but the leader. */
  secondMax: bigint | null;
};

export const LOT_COLUMNS = {
  id: 'text',
  auctionId: 'text',
  product: 'text',
  description: 'text?',
  weight: 'float?',
  startingPrice: 'money',
  minIncrement: 'money',
  marketPrice: 'money?',
  status: 'text',
  highestBid: 'money?',
  bidCount: 'int',
  softCloseMs: 'int?',
  endsAt: 'time?',
  openedAt: 'time',
  closedAt: 'time?',
  leadingBidId: 'text?',
  leaderMax: 'money?',
  secondMax: 'money?',
} as const satisfies Record<keyof OpenLot, ColumnKind>;

/** What a batch changes on its lot. */
export interface LotUpdate {
  highestBid: bigint;
  bidCount: number;
  endsAt: Date | null;
  leadingBidId: string;
  leaderMax: bigint;
  secondMax: bigint | null;
}
export const LOT_UPDATE_COLUMNS = {
  highestBid: 'money',
  bidCount: 'int',
  endsAt: 'time?',
  leadingBidId: 'text',
  leaderMax: 'money',
  secondMax: 'money?',
} as const satisfies Record<keyof LotUpdate, ColumnKind>;

/** A bid as the batch inserts it (and reads back the leading one). */
export interface NewBid {
  id: string;
  auctionId: string;
  lotId: string;
  userId: string;
  amount: bigint;
  /** Placed by the server for a maximum bid. */
  auto: boolean;
  /** The maximum its bidder stated with it (private). */
  maxAmount: bigint | null;
  createdAt: Date;
}
export const BID_COLUMNS = {
  id: 'text',
  auctionId: 'text',
  lotId: 'text',
  userId: 'text',
  amount: 'money',
  auto: 'bool',
  maxAmount: 'money?',
  createdAt: 'time',
} as const satisfies Record<keyof NewBid, ColumnKind>;

/**
 * DateTime as Prisma's adapters store it: ISO-8601 with an explicit UTC offset (SQLite keeps this text; PostgreSQL
 * parses it into `timestamp(3)`, ignoring the offset of a value that is UTC anyway).
 */
export const timeToDb = (d: Date) => d.toISOString().replace('Z', '+00:00');

/** DateTime as read back: ISO-8601 text (ours, or SQLite's CURRENT_TIMESTAMP in UTC without an offset) or epoch ms. */
export function timeFromDb(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  const text = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

const baseOf = (kind: ColumnKind) => kind.replace('?', '') as BaseKind;

function fromColumn(column: string, kind: ColumnKind, v: unknown): unknown {
  if (v === null || v === undefined) {
    if (kind.endsWith('?')) return null;
    throw new Error(`Column ${column} is NULL, but the column map says NOT NULL.`);
  }
  switch (baseOf(kind)) {
    case 'text':
      return String(v);
    case 'int':
    case 'float':
      return Number(v);
    case 'money':
      return BigInt(v as bigint | number | string); // bigint from better-sqlite3, text from PostgreSQL's JSON
    case 'time':
      return timeFromDb(v);
    case 'bool':
      return v === true || v === 't' || Number(v) === 1; // boolean from PostgreSQL, 0/1 from SQLite
  }
}

/** A row as either driver answers it (columns named as in the map) decoded by its column map. */
export function decodeRow<C extends Record<string, ColumnKind>>(columns: C, row: Record<string, unknown>): Decoded<C> {
  // Each value is decoded by its kind, so the object has exactly the map's keys with the map's types.
  return Object.fromEntries(Object.entries(columns).map(([column, kind]) => [column, fromColumn(column, kind, row[column])])) as Decoded<C>;
}

/** A bid as either driver answers it. */
export const bidFromColumns = (row: Record<string, unknown>): NewBid => decodeRow(BID_COLUMNS, row);

/** The open lot a batch is decided against, from its row. */
export const lotFromColumns = (row: Record<string, unknown>): OpenLot => decodeRow(LOT_COLUMNS, row);

/** A row that has (at least) the columns of a map. */
export type RowOf<C extends Record<string, ColumnKind>> = { [K in keyof C]: unknown };

/** A row's values in the order of its column map, encoded for a driver (`sqliteValue`, `pgValue`). */
export const valuesOf = <C extends Record<string, ColumnKind>, V>(columns: C, row: RowOf<C>, encode: (kind: ColumnKind, v: unknown) => V): V[] =>
  Object.entries(columns).map(([column, kind]) => encode(kind, row[column]));

/** Many rows as one array per column (PostgreSQL's `unnest` inserts), in the order of the column map. */
export const arraysOf = <C extends Record<string, ColumnKind>, V>(columns: C, rows: RowOf<C>[], encode: (kind: ColumnKind, v: unknown) => V): V[][] =>
  Object.entries(columns).map(([column, kind]) => rows.map((row) => encode(kind, row[column])));

/** The columns of a map, quoted, in its order (of table `alias` when given). */
export const columnList = (columns: Record<string, ColumnKind>, alias?: string) =>
  Object.keys(columns).map((c) => `${alias ? `${alias}.` : ''}"${c}"`).join(', ');

/** A value as better-sqlite3 binds it. */
export function sqliteValue(kind: ColumnKind, v: unknown): string | number | bigint | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return timeToDb(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return v;
  throw new Error(`Cannot bind ${typeof v} as a ${kind} column.`);
}

/** A value as node-postgres binds it (money as text: BIGINT exceeds what a JS number holds exactly). */
export function pgValue(kind: ColumnKind, v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (v instanceof Date) return timeToDb(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string' || typeof v === 'number') return v;
  throw new Error(`Cannot bind ${typeof v} as a ${kind} column.`);
}

/** The PostgreSQL type a parameter of this kind is cast to. */
export const pgType = (kind: ColumnKind) => ({ text: 'text', int: 'int', float: 'float8', money: 'bigint', time: 'timestamp(3)', bool: 'boolean' })[baseOf(kind)];

/**
 * A column read into PostgreSQL's JSON: money as text (BIGINT exceeds JSON's safe range), times (timestamp
 * without zone, UTC) as ISO-8601 with an explicit Z whatever the session's DateStyle.
 */
export function pgRead(column: string, kind: ColumnKind, alias?: string): string {
  const ref = `${alias ? `${alias}.` : ''}"${column}"`;
  if (baseOf(kind) === 'money') return `${ref}::text`;
  if (baseOf(kind) === 'time') return `to_char(${ref}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return ref;
}

/** `json_build_object` of a column map's columns (PostgreSQL), named as in the map. */
export const pgJsonOf = (columns: Record<string, ColumnKind>, alias?: string) =>
  `json_build_object(${Object.entries(columns).map(([c, kind]) => `'${c}', ${pgRead(c, kind, alias)}`).join(', ')})`;
