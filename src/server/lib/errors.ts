/**
 * The one error type of the application. Services throw it; the HTTP layer turns it into an
 * `application/problem+json` answer (RFC 9457) and the CLI into a one-line message.
 */

/** Error codes with their HTTP status. Rule codes (`rule.*`) come from the pipeline rules. */
export const ERROR_STATUS = {
  /** The input failed validation; `errors` names each field. */
  validation: 400,
  /** No valid session or token. */
  unauthenticated: 401,
  /** Signed in, but the role may not do this. */
  forbidden: 403,
  /** No such record, or it lies outside the caller's subtree. */
  not_found: 404,
  /** The record changed since the caller read it (optimistic versioning). */
  conflict: 409,
  /** A business rule refused the change; nothing was written. */
  rule: 422,
  /** The uploaded file is larger than the configured limit (a scan over `SCAN_MAX_MB`). */
  too_large: 413,
  /** Too many attempts; try again later. */
  rate_limited: 429,
  /** The database cannot be reached or is restarting; nothing was written, retry later. */
  'database.unavailable': 503,
  /** Another process holds the database's write lock (SQLite); nothing was written, retry later. */
  'database.busy': 503,
  /** The disk (or the configured size cap) is full; nothing was written. */
  'database.full': 507,
  /** The installation already has its top organization: the first run cannot run again. */
  'setup.already_initialised': 409,
  /** The caller cancelled a long operation (an import); nothing was written. */
  'import.cancelled': 409,
  /** The configuration (environment, URL) is wrong. */
  'config.database_url': 500,
  /** Anything unexpected; the message is not shown to clients. */
  internal: 500,
} as const;

/** A field-level problem: dotted path, Vietnamese message, English message. */
export interface FieldError {
  field: string;
  message: string;
  messageEn?: string;
}

/** The application's error, with a stable `code` (e.g. `validation`, `rule.cell_vote_threshold`). */
export class AppError extends Error {
  readonly code: string;
  readonly errors: FieldError[];
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    errors: FieldError[] = [],
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.errors = errors;
    this.details = details;
  }

  /** The HTTP status for this error's code (`rule.*` codes answer 422). */
  get status(): number {
    if (this.code.startsWith('rule.')) return 422;
    return (ERROR_STATUS as Record<string, number>)[this.code] ?? 500;
  }
}

/** A "not found" that says nothing about whether the record exists outside the caller's scope. */
export function notFound(entity: string): AppError {
  return new AppError('not_found', `Không tìm thấy ${entity}`);
}
