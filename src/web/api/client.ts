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
  /** The problem's `details` member, e.g. a refused import's preview. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    title: string,
    errors: FieldProblem[],
    details?: Record<string, unknown>,
  ) {
    super(title);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.details = details;
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
  let body: {
    code?: string;
    title?: string;
    errors?: FieldProblem[];
    details?: Record<string, unknown>;
  } = {};
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
    body.details && typeof body.details === 'object' ? body.details : undefined,
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

/** The content type the server expects for an uploaded spreadsheet, by file name. */
function uploadType(fileName: string): string {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xlsx'))
    return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return 'application/octet-stream';
}

/**
 * POSTs a file as the raw request body (the import routes read no multipart), reporting the
 * upload's progress from 0 to 1. XMLHttpRequest, because fetch cannot report upload progress.
 */
export function apiUpload<T>(
  path: string,
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.setRequestHeader('Content-Type', uploadType(file.name));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Không kết nối được máy chủ', []));
    xhr.onload = () => {
      const response = new Response(xhr.responseText || null, {
        status: xhr.status,
        headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'application/json' },
      });
      if (xhr.status >= 200 && xhr.status < 300) {
        response.json().then(
          (body) => resolve(body as T),
          () => reject(new ApiError(xhr.status, 'http', `Lỗi ${xhr.status}`, [])),
        );
      } else {
        problemOf(response).then(reject, reject);
      }
    };
    xhr.send(file);
  });
}
