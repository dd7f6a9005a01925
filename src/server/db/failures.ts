import { AppError } from '../lib/errors.ts';

/** Connection-level error codes: from Node's sockets and PostgreSQL's SQLSTATE classes 08 and 57P. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);

/** Messages pg gives without a code when the server goes away under an open connection. */
const UNREACHABLE_MESSAGE =
  /Connection terminated|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error|timeout exceeded when trying to connect/i;

/**
 * Turns a driver error that says "the database cannot serve now" into an AppError with a stable
 * code, so a client gets a clear problem+json instead of a masked 500: the database unreachable
 * or restarting (503, retry), SQLite locked by another process (503, retry), the disk or the
 * size cap full (507). Anything else is not ours to explain and stays a 500.
 */
export function databaseFailure(error: unknown): AppError | null {
  if (!(error instanceof Error)) return null;
  const raw = (error as { code?: unknown }).code;
  const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
  if (code === 'SQLITE_FULL' || code === '53100' || /database or disk is full/i.test(error.message))
    return new AppError(
      'database.full',
      'Bộ nhớ của cơ sở dữ liệu đã đầy; không có gì được ghi. Hãy báo quản trị viên giải phóng dung lượng',
      [{ field: '(database)', message: 'Đầy dung lượng', messageEn: 'Database or disk is full' }],
    );
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '55P03')
    return new AppError(
      'database.busy',
      'Cơ sở dữ liệu đang bận với một thao tác khác; không có gì được ghi. Hãy thử lại sau ít phút',
      [{ field: '(database)', message: 'Đang bận', messageEn: 'Database is busy; retry later' }],
    );
  if (UNREACHABLE.has(code) || UNREACHABLE_MESSAGE.test(error.message))
    return new AppError(
      'database.unavailable',
      'Tạm thời không kết nối được cơ sở dữ liệu; hãy thử lại sau ít phút',
      [
        {
          field: '(database)',
          message: 'Không kết nối được',
          messageEn: 'The database is unreachable; retry later',
        },
      ],
    );
  return null;
}
