/** Loading, empty and error states in plain words, so no page is ever blank. */
import type { ReactNode } from 'react';
import { Alert, Button, Empty, Result, Spin } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, isNotFound } from '../api/client.ts';

/** A spinner with a sentence, announced to screen readers. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <Spin />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

/** "No data yet", with an optional explanation. */
export function EmptyState({ description }: { description?: ReactNode }) {
  const { t } = useTranslation();
  return <Empty description={description ?? t('state.empty')} />;
}

/** A failed request: the server's own message when there is one, and a retry button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (isNotFound(error)) {
    // A record the server does not show (missing, or outside the user's part of the tree: the
    // server answers both alike) names what was not found; a route the server lacks does not.
    const record =
      error instanceof ApiError && error.code === 'not_found' && error.message !== 'Không tìm thấy';
    return record ? (
      <Alert type="info" showIcon title={error.message} description={t('state.notInScope')} />
    ) : (
      <Alert type="info" showIcon title={t('state.empty')} description={t('state.notAvailable')} />
    );
  }
  const detail =
    error instanceof ApiError
      ? [error.message, ...error.errors.map((e) => `${e.field}: ${e.message}`)].join(' — ')
      : error instanceof Error
        ? error.message
        : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t('state.error')}
      description={detail}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Renders a query's loading and error states, else its data. */
export function QueryView<T>({
  query,
  children,
  isEmpty,
  empty,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyState />}</>;
  return <>{children(query.data)}</>;
}

/** The page for an address that matches no screen. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('state.notFound')}
      extra={
        <Button type="primary" href="/">
          {t('state.home')}
        </Button>
      }
    />
  );
}
