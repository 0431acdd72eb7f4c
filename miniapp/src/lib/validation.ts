/**
 * Client-side form checks with the same zod schemas the server uses (from `@roadcert/shared`),
 * so a field message on the phone is the message the server would have given.
 */

/** The part of a zod schema a form needs; typed structurally so the app does not import zod. */
export interface FormSchema<T> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** Field → first message, keyed by dotted path like the server's `fields`. */
export type FieldErrors = Record<string, string>;

export type Validated<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

export function validateForm<T>(schema: FormSchema<T>, input: unknown): Validated<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return { ok: false, fields };
}

/** Error of one field, or undefined: for showing it under that input. */
export function fieldError(fields: FieldErrors | undefined, name: string): string | undefined {
  return fields?.[name];
}
