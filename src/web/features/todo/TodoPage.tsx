/**
 * "Việc cần làm": the signed-in officer's to-do list (GET /todo) — what is overdue, what falls
 * due in the next 30 days, dossiers idle too long and dossiers waiting on a document — grouped by
 * organization, each item linking to its dossier.
 */
import { Link } from 'react-router-dom';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client.ts';
import type { TodoAnswer, TodoItem, TodoKind } from '../../../shared/daily.ts';
import { TODO_KINDS } from '../../../shared/daily.ts';
import { compareVietnamese } from '../../../shared/text.ts';
import { QueryView } from '../../components/States.tsx';
import { useScope, useScopeSearch } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';

/** Tag colour of each kind. */
export const TODO_COLORS: Record<TodoKind, string> = {
  escalation: 'magenta',
  overdue: 'red',
  due_soon: 'orange',
  idle: 'gold',
  waiting_document: 'blue',
};

/** Items grouped by organization, organizations in Vietnamese order. */
function byOrganization(items: TodoItem[]) {
  const groups = new Map<string, { code: string; name: string; items: TodoItem[] }>();
  for (const item of items) {
    const group = groups.get(item.organizationCode) ?? {
      code: item.organizationCode,
      name: item.organizationName,
      items: [],
    };
    group.items.push(item);
    groups.set(item.organizationCode, group);
  }
  return [...groups.values()].sort((a, b) => compareVietnamese(a.name, b.name));
}

/** The to-do screen. */
export default function TodoPage() {
  const { t } = useTranslation();
  const { org } = useScope();
  const search = useScopeSearch();
  const todo = useQuery({
    queryKey: ['todo', org],
    queryFn: () => apiGet<TodoAnswer>('/todo', { org }),
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('daily.todoTitle')}
      </Typography.Title>
      <QueryView query={todo}>
        {(data) => {
          const counts = Object.fromEntries(
            TODO_KINDS.map((k) => [k, data.items.filter((i) => i.kind === k).length]),
          );
          if (data.total === 0) return <Empty description={t('daily.todoEmpty')} />;
          return (
            <>
              <Space wrap style={{ marginBottom: 12 }} data-testid="todo-counts">
                {TODO_KINDS.map((k) => (
                  <Tag key={k} color={TODO_COLORS[k]}>
                    {t(`daily.kinds.${k}`)}: {num(counts[k] ?? 0)}
                  </Tag>
                ))}
              </Space>
              <div className="todo-groups">
                {byOrganization(data.items).map((group) => (
                  <Card
                    key={group.code}
                    size="small"
                    title={group.name}
                    extra={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {group.code} · {num(group.items.length)}
                      </Typography.Text>
                    }
                    data-testid="todo-group"
                  >
                    <List
                      size="small"
                      dataSource={group.items}
                      renderItem={(item) => (
                        <List.Item data-testid="todo-item">
                          <span>
                            <Tag color={TODO_COLORS[item.kind]}>
                              {t(`daily.kinds.${item.kind}`)}
                            </Tag>
                            {item.candidateId ? (
                              <Link to={`/candidates/${item.candidateId}${search}`}>
                                {item.text}
                              </Link>
                            ) : (
                              item.text
                            )}
                          </span>
                          {item.dueOn && (
                            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                              {day(item.dueOn)}
                            </Typography.Text>
                          )}
                        </List.Item>
                      )}
                    />
                  </Card>
                ))}
              </div>
            </>
          );
        }}
      </QueryView>
    </>
  );
}
