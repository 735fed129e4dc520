// What the command binding tells the metrics: a command started; the function it gets back is called once
// with the outcome (`ok` or the error code), and measures the time in between.
import type { CommandOutcome, Metrics } from './metrics.js';

export type CommandObserver = (command: string) => (outcome: CommandOutcome) => void;

export function commandObserver(metrics: Pick<Metrics, 'commandDone'>): CommandObserver {
  return (command) => {
    const started = process.hrtime.bigint();
    return (outcome) => metrics.commandDone(command, outcome, Number(process.hrtime.bigint() - started) / 1e9);
  };
}
