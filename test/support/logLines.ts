/** The app's log lines, kept for a test to read: a real stream given to `createLogger` as its destination. */
import { Writable } from 'node:stream';

/** One line as pino writes it: level label, ISO time, bindings (requestId…), fields and `msg`. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

export class LogLines extends Writable {
  readonly lines: LogLine[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    for (const text of String(chunk).split('\n')) if (text) this.lines.push(JSON.parse(text) as LogLine);
    done();
  }

  /** The lines that carry `requestId`. */
  of(requestId: string): LogLine[] {
    return this.lines.filter((line) => line.requestId === requestId);
  }
}
