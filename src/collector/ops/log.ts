/**
 * Structured logs: one JSON object per line on stdout (level, time, message,
 * fields), which log shippers parse without rules. Callers pass only what is
 * safe to keep: never a request body, a typed value or a database error's text.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null>;
export type Logger = (level: LogLevel, msg: string, fields?: LogFields) => void;

export function jsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  return (level, msg, fields = {}) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
}

export const silentLogger: Logger = () => undefined;
