/**
 * Progress of long work (a build, recording, a fit check): what is under way, how many of how many, and the time
 * since the command started. At a terminal the steps share one line that is rewritten in place and cleared when the
 * work ends; elsewhere (a CI log, a pipe) each step is a line of its own, so the log shows where the time went.
 */
export type ProgressSink = (step: string) => void;

export interface ProgressLine {
  step: ProgressSink;
  /** clears the live line (a terminal); the lines printed after it start on a clean line */
  end(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stdout, started = performance.now()): ProgressLine {
  const live = stream.isTTY === true && !process.env.CI;
  let shown = false;
  const stamp = () => `${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s`;
  return {
    step(text) {
      if (!live) {
        stream.write(`${stamp()}  ${text}\n`);
        return;
      }
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      const line = `${stamp()}  ${text}`;
      stream.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
      shown = true;
    },
    end() {
      if (live && shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** "3 of 15" */
export const ofTotal = (n: number, total: number): string => `${n} of ${total}`;
