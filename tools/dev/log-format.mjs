/**
 * Turns one output line of a service into the lines the launcher prints.
 * Services log JSON (pino); with LOG_FORMAT=pretty (the default for `npm start`)
 * those lines are rendered by pino-pretty, anything else passes through.
 */
import pinoPretty from 'pino-pretty';

export function createLineFormatter({ format, colorize }) {
  if (format !== 'pretty') return (line) => [line];
  const pretty = pinoPretty.prettyFactory({
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    // The launcher prefixes every line with the process name already.
    ignore: 'pid,hostname,service,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
    singleLine: true,
  });
  return (line) => {
    if (!line.startsWith('{')) return [line];
    try {
      JSON.parse(line);
    } catch {
      return [line];
    }
    return pretty(line).replace(/\n$/, '').split('\n');
  };
}
