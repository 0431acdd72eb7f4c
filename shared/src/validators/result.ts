/**
 * The one result shape every validator returns. A boolean would not let the UI
 * say *why* an input was rejected, which is the main complaint about similar
 * government apps (domain.md §9), so failures carry a stable `reason` for
 * programs and a Chinese `message` for people. Warnings are for inputs that are
 * legal but unusual (e.g. pilot-era credit codes), so they never block.
 */
export type ValidationResult<T, R extends string = string> =
  { ok: true; value: T; warnings?: readonly string[] } | { ok: false; reason: R; message: string };

/** The failure branch of a {@link ValidationResult}. */
export type ValidationFailure<R extends string = string> = Extract<ValidationResult<never, R>, { ok: false }>;

/** Builds a success, leaving `warnings` out entirely when there are none. */
export function ok<T>(
  value: T,
  warnings: readonly string[] = [],
): { ok: true; value: T; warnings?: readonly string[] } {
  return warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };
}

/** Builds a failure with a stable reason code and a Chinese message. */
export function fail<R extends string>(reason: R, message: string): ValidationFailure<R> {
  return { ok: false, reason, message };
}
