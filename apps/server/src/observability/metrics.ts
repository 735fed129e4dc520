// The Prometheus metrics of one server (SPEC §9): one registry per app (tests run several apps in one process),
// the metric objects, and the small typed functions the transport and the modules call. Nothing else
// touches prom-client, so a metric's name, labels and meaning live here once.
import type { DomainObserver } from '../core/ports/observer.js';
import type { ErrorCode } from '@bidwire/contract';
import { hostname } from 'node:os';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** `ok`, or the error code the command answered. */
export type CommandOutcome = 'ok' | ErrorCode;
/** A recorded bid (`accepted` from a bidder, `auto` placed by the server for a maximum bid), or why one was refused. */
export type BidResultLabel = 'accepted' | 'auto' | ErrorCode;
/** How a game round ended: sold to the highest bidder, no bid, or the seller did not sell in time. */
export type RoundResult = 'sold' | 'unsold' | 'forfeited';

export interface Metrics extends DomainObserver {
  readonly registry: Registry;
  /** Every command, once answered (bind.ts). A refused `placeBid` also counts as a refused bid. */
  commandDone(command: string, outcome: CommandOutcome, seconds: number): void;
  /** One broadcast of `event` (to a room, several rooms or everyone), whatever the number of receivers. */
  eventBroadcast(event: string, payload: unknown): void;
  bidRecorded(result: BidResultLabel, n?: number): void;
  /** A resync answered with the missed events (`replayed` of them) or with a snapshot. */
  resyncAnswered(room: string, answer: 'events' | 'snapshot', replayed: number): void;
  /** The game calls this once per settled round. */
  roundSettled(result: RoundResult): void;
  /** Where the connected-sockets gauge reads its value (this node's sockets). */
  countSocketsWith(count: () => number): void;
  /** In multi-node mode every series carries `node="<id>"`, so one dashboard shows each node. */
  labelNode(nodeId: string): void;
  /** The text exposition for GET /metrics. */
  render(): Promise<string>;
  readonly contentType: string;
}

/** The `node` label in multi-node mode: which machine and process, as an operator finds it in `ps` or the orchestrator. */
export const nodeLabel = () => `${hostname()}:${process.pid}`;

// Socket.IO commands answer in milliseconds; a bid that commits with its batch in ~2 ms sits in the low buckets.
const COMMAND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Process metrics (CPU, memory, handles, GC) and nodejs_eventloop_lag_* (sampled every 10 ms).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

  let countSockets = () => 0;
  new Gauge({
    name: 'bidwire_connected_sockets',
    help: 'Socket.IO connections open on this node.',
    registers: [registry],
    collect() {
      this.set(countSockets());
    },
  });
  const commands = new Counter({
    name: 'bidwire_commands_total',
    help: 'Commands answered, by command and outcome (ok or the error code).',
    labelNames: ['command', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'bidwire_command_duration_seconds',
    help: 'Time from a command arriving to its answer, by command.',
    labelNames: ['command'] as const,
    buckets: COMMAND_BUCKETS,
    registers: [registry],
  });
  const bids = new Counter({
    name: 'bidwire_bids_total',
    help: 'Bids recorded (accepted, auto) and refused (by error code).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const events = new Counter({
    name: 'bidwire_events_broadcast_total',
    help: 'Events sent out, by event name (one per broadcast, not per receiver).',
    labelNames: ['event'] as const,
    registers: [registry],
  });
  const resyncs = new Counter({
    name: 'bidwire_resync_requests_total',
    help: 'Resync requests answered, by room type and answer (events or snapshot).',
    labelNames: ['room', 'answer'] as const,
    registers: [registry],
  });
  const replayed = new Counter({
    name: 'bidwire_resync_events_replayed_total',
    help: 'Events replayed to clients by resync, by room type.',
    labelNames: ['room'] as const,
    registers: [registry],
  });
  const rounds = new Counter({
    name: 'bidwire_game_rounds_settled_total',
    help: 'Game rounds settled, by result (sold, unsold, forfeited).',
    labelNames: ['result'] as const,
    registers: [registry],
  });

  const bidRecorded = (result: BidResultLabel, n = 1) => bids.inc({ result }, n);

  return {
    registry,
    commandDone(command, outcome, seconds) {
      commands.inc({ command, outcome });
      duration.observe({ command }, seconds);
      if (command === 'placeBid' && outcome !== 'ok') bidRecorded(outcome);
    },
    eventBroadcast(event, payload) {
      events.inc({ event });
      // Every recorded bid is broadcast exactly once, by the node that recorded it: counting here sees the
      // server's automatic bids too, and not an idempotent retry that recorded nothing.
      if (event === 'bidPlaced') bidRecorded(isAutoBid(payload) ? 'auto' : 'accepted');
    },
    bidRecorded,
    resyncAnswered(room, answer, count) {
      resyncs.inc({ room, answer });
      if (count > 0) replayed.inc({ room }, count);
    },
    roundSettled: (result) => rounds.inc({ result }),
    countSocketsWith(count) {
      countSockets = count;
    },
    labelNode: (nodeId) => registry.setDefaultLabels({ node: nodeId }),
    render: () => registry.metrics(),
    get contentType() {
      return registry.contentType;
    },
  };
}

function isAutoBid(payload: unknown): boolean {
  const bid = (payload as { bid?: { auto?: unknown } } | undefined)?.bid;
  return bid?.auto === true;
}
