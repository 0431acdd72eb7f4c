import pino from 'pino';

/**
 * Structured JSON logs. Personal data never reaches them: request logs carry method,
 * route path (no query string), status, duration and request id only, and these
 * paths are redacted as a second line of defence.
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'roadcert' },
    redact: {
      paths: [
        'idNumber',
        '*.idNumber',
        'phone',
        '*.phone',
        'name',
        '*.name',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'code',
        '*.code',
      ],
      censor: '[redacted]',
    },
  });
}

export type Logger = pino.Logger;
