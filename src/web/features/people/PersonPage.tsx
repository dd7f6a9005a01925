/** One person: identity, membership periods and the whole dated history as a timeline. */
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client.ts';
import type { MemberPeriod, PersonDetail, TimelineEvent } from '../../api/types.ts';
import { QueryView } from '../../components/States.tsx';
import { useScopeSearch } from '../../components/scope.ts';
import { day } from '../../components/format.ts';
import { useSession } from '../session/session.tsx';
import { EditPerson } from './EditPerson.tsx';

function eventText(
  e: TimelineEvent,
  t: (key: string, options?: Record<string, unknown>) => string,
  names: Map<string, string>,
): string {
  if (e.kind === 'stage')
    return t('people.stageReached', {
      stage: t(`stages.${e.stage ?? ''}`, { defaultValue: e.stage ?? '' }),
    });
  if (e.kind === 'place') return t('personHistory.timeline.place', { unit: e.unitName ?? '' });
  if (e.kind === 'fact')
    return t('personHistory.timeline.fact', {
      field: t(`personHistory.fields.${e.field ?? ''}`, { defaultValue: e.field ?? '' }),
      value: factText(e.field, e.value, t),
    });
  if (e.kind === 'targetGroup')
    return t(e.joined ? 'personHistory.timeline.joined' : 'personHistory.timeline.left', {
      group: t(`enums.targetGroup.${e.group ?? ''}`, { defaultValue: e.group ?? '' }),
    });
  if (e.kind === 'correction')
    return t('personHistory.timeline.correction', {
      changes: Object.keys(e.after ?? {})
        .map(
          (field) =>
            `${t(`personHistory.fields.${field}`, { defaultValue: field })}: ${factText(field, e.before?.[field], t)} → ${factText(field, e.after?.[field], t)}`,
        )
        .join('; '),
      reason: e.reason ?? '',
    });
  const start = t(`people.periodStart.${e.stage ?? ''}`, { defaultValue: e.stage ?? '' });
  const code = e.organizationCode ?? '';
  return `${start} ${names.get(code) ?? code}`.trim();
}

/** A value of a person's field as the timeline shows it (dates dd/mm/yyyy, vocabularies in words). */
function factText(
  field: string | undefined,
  value: unknown,
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'targetGroupDates' && Array.isArray(value))
    return (value as { group: string; from: string }[])
      .map((g) => `${t(`enums.targetGroup.${g.group}`, { defaultValue: g.group })} ${day(g.from)}`)
      .join(', ');
  const text =
    typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  if (field === 'educationLevel') return t(`enums.education.${text}`, { defaultValue: text });
  if (field === 'gender') return t(`people.${text}`, { defaultValue: text });
  if (field === 'birthDate') return day(text);
  return text;
}

const KIND_COLORS: Record<TimelineEvent['kind'], string> = {
  stage: 'blue',
  period: 'red',
  place: 'green',
  fact: 'purple',
  targetGroup: 'cyan',
  correction: 'orange',
};

/** The person screen. */
export default function PersonPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useScopeSearch();
  const { id } = useParams();
  const { can } = useSession();
  const person = useQuery({
    queryKey: ['person', id],
    queryFn: () => apiGet<PersonDetail>(`/people/${encodeURIComponent(id ?? '')}`),
  });
  return (
    <QueryView query={person}>
      {(p) => (
        <>
          <Button onClick={() => void navigate(-1)} style={{ marginBottom: 12 }}>
            ← {t('people.back')}
          </Button>
          <Space align="center" style={{ display: 'flex', justifyContent: 'space-between' }}>
            <Typography.Title level={2} style={{ marginTop: 0 }}>
              {p.fullName}
            </Typography.Title>
            {can('write') && !p.masked && <EditPerson person={p} />}
          </Space>
          {p.masked && (
            <Alert type="info" showIcon title={t('people.masked')} style={{ marginBottom: 16 }} />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small">
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('people.birthDate')}>
                    {day(p.birthDate)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.gender')}>
                    {t(`people.${p.gender}`)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.ethnicity')}>{p.ethnicity}</Descriptions.Item>
                  <Descriptions.Item label={t('people.unit')}>
                    {p.unitName ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.education')}>
                    {t(`enums.education.${p.educationLevel}`, { defaultValue: p.educationLevel })}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.politicalTheory')}>
                    {p.politicalTheory ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.occupation')}>
                    {p.occupation ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.nationalId')}>
                    {p.nationalId ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.phone')}>{p.phone ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('people.targetGroups')}>
                    {p.targetGroups.length
                      ? p.targetGroups.map((g) => <Tag key={g}>{t(`enums.targetGroup.${g}`)}</Tag>)
                      : '—'}
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('people.history')}>
                {p.timeline.length === 0 ? (
                  <Typography.Text type="secondary">{t('state.empty')}</Typography.Text>
                ) : (
                  <Timeline
                    items={p.timeline.map((e, i) => ({
                      key: i,
                      color: KIND_COLORS[e.kind],
                      content: (
                        <>
                          <strong>{day(e.on)}</strong> —{' '}
                          {eventText(
                            e,
                            t,
                            new Map(
                              p.memberPeriods.map((m) => [m.organizationCode, m.organizationName]),
                            ),
                          )}
                        </>
                      ),
                    }))}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24}>
              <Card size="small" title={t('people.memberPeriods')}>
                <Table<MemberPeriod>
                  size="small"
                  rowKey={(r) => `${r.validFrom}-${r.organizationCode}`}
                  pagination={false}
                  dataSource={p.memberPeriods}
                  locale={{ emptyText: t('state.empty') }}
                  scroll={{ x: 600 }}
                  columns={[
                    { title: t('reports.from'), dataIndex: 'validFrom', render: day },
                    {
                      title: t('reports.to'),
                      dataIndex: 'validTo',
                      render: (v: string | null) => (v ? day(v) : t('people.present')),
                    },
                    { title: t('members.organization'), dataIndex: 'organizationName' },
                    {
                      title: t('members.status'),
                      dataIndex: 'status',
                      render: (s: string) => t(`statuses.${s}`),
                    },
                  ]}
                />
              </Card>
            </Col>
            {p.candidacies.length > 0 && (
              <Col xs={24}>
                <Card size="small" title={t('people.candidacies')}>
                  {p.candidacies.map((c) => (
                    <p key={c.id}>
                      {t(`stages.${c.stage}`, { defaultValue: c.stage })} ({day(c.stageOn)},{' '}
                      {c.organizationName}) —{' '}
                      <Link to={`/candidates/${c.id}${search}`}>{t('people.openDossier')}</Link>
                    </p>
                  ))}
                </Card>
              </Col>
            )}
          </Row>
        </>
      )}
    </QueryView>
  );
}
