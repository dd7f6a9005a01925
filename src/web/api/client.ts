/**
 * The typed HTTP client of the web app: JSON in and out, problem+json errors as ApiError, the
 * session's CSRF token on every write. Pages call it through React Query hooks.
 */

/** A field-level problem as the server reports it (problem+json `errors[]`). */
export interface FieldProblem {
  field: string;
  message: string;
  messageEn?: string;
}

/** An answer other than 2xx, parsed from `application/problem+json` when the server sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldProblem[];

  constructor(status: number, code: string, title: string, errors: FieldProblem[]) {
    super(title);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

/** Query values; undefined and '' are left out of the URL. */
export type QueryValues = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;

/** Remembers the CSRF token the session answer gave, for the X-CSRF-Token header on writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** `/api/v1/…?a=1` from a path and query values (empty values dropped). */
export function apiUrl(path: string, query: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function problemOf(response: Response): Promise<ApiError> {
  let body: { code?: string; title?: string; errors?: FieldProblem[] } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // A proxy or a crashed server can answer HTML or nothing; the status still tells the story.
  }
  return new ApiError(
    response.status,
    body.code ?? (response.status === 404 ? 'not_found' : 'http'),
    body.title ?? `Lỗi ${response.status}`,
    Array.isArray(body.errors) ? body.errors : [],
  );
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ', []);
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** GET a JSON resource. */
export function apiGet<T>(path: string, query: QueryValues = {}): Promise<T> {
  return request<T>('GET', apiUrl(path, query));
}

/** POST, PUT, PATCH or DELETE with a JSON body; sends the CSRF token. */
export function apiSend<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  return request<T>(method, apiUrl(path), body);
}

/** True when an error is the server saying the resource or route does not exist (yet). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
