/**
 * Recording a quality rating (issue 16, finding 8): the scheme in force for the period decides
 * what is asked — points per criterion in their weighted groups (366-QĐ/TW) or the level the
 * meeting proposes (132/124-QĐ/TW) — and the officer enters the conditions the levels depend on
 * (tasks done, on time, exceeded; discipline; conclusions). The answer shows the level, why, and
 * the article it comes from, with every condition looked at.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  InputNumber,
  List,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import type { MemberItem, Page, RatingLevel } from '../../api/types.ts';
import type {
  RatingConditions,
  RatingSchemeAnswer,
  RecordedRating,
} from '../../../shared/ratings.ts';
import { DateField } from '../../components/DateField.tsx';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { QueryView } from '../../components/States.tsx';
import { day } from '../../components/format.ts';
import { useDebounced } from '../../components/useDebounced.ts';

const LEVELS: RatingLevel[] = ['excellent', 'good', 'completed', 'not_completed'];
const LEVEL_COLORS: Record<RatingLevel, string> = {
  excellent: 'green',
  good: 'blue',
  completed: 'gold',
  not_completed: 'red',
};
const PERCENT_FIELDS = new Set<keyof RatingConditions>([
  'tasksCompletedPercent',
  'tasksLatePercent',
  'tasksExceededPercent',
  'unitsDisciplinedPercent',
]);

function periodEnd(year: number, quarter: number | undefined): string {
  if (!quarter) return `${year}-12-31`;
  const month = String(quarter * 3).padStart(2, '0');
  return `${year}-${month}-${quarter === 1 || quarter === 4 ? '31' : '30'}`;
}

/** Picks one member of an organization by name (accent-insensitive); the value is the person's id. */
function PersonOfOrg({
  org,
  asOf,
  value,
  onChange,
}: {
  org: string | undefined;
  asOf: string;
  value: number | undefined;
  onChange: (personId: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 250);
  const members = useQuery({
    queryKey: ['members', 'rating-picker', org, asOf, settled],
    queryFn: () => apiGet<Page<MemberItem>>('/members', { org, asOf, q: settled, limit: 30 }),
    enabled: Boolean(org),
  });
  return (
    <Select<number>
      id="rating-member"
      aria-label={t('ratingForm.member')}
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      placeholder={t('ratingForm.memberPlaceholder')}
      loading={members.isFetching}
      options={(members.data?.items ?? []).map((m) => ({
        value: m.personId,
        label: `${m.fullName} — ${m.organizationName}`,
      }))}
      style={{ width: '100%' }}
    />
  );
}

/** The answer of a recorded rating: level, reason, citation and the conditions looked at. */
export function RatingOutcome({ r }: { r: RecordedRating }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="rating-outcome">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color={LEVEL_COLORS[r.level]} style={{ fontSize: 14, padding: '2px 8px' }}>
            {t(`ratings.levels.${r.level}`)}
          </Tag>
          {r.total !== null && <span>{t('ratingForm.totalIs', { n: r.total })}</span>}
          {r.level !== r.levelByPoints && (
            <Typography.Text type="warning">
              {t('ratingForm.byPoints', { level: t(`ratings.levels.${r.levelByPoints}`) })}
            </Typography.Text>
          )}
        </Space>
        <Typography.Paragraph style={{ marginBottom: 0 }} data-testid="rating-reason">
          {r.reason}
        </Typography.Paragraph>
        <Typography.Text data-testid="rating-citation">
          {t('ratingForm.citation')}: <strong>{r.citation}</strong>
        </Typography.Text>
        <List
          size="small"
          header={t('ratingForm.checks')}
          dataSource={r.checks}
          renderItem={(c) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space>
                  <Tag color={c.ok === true ? 'green' : c.ok === false ? 'red' : 'default'}>
                    {c.ok === true
                      ? t('ratingForm.ok')
                      : c.ok === false
                        ? t('ratingForm.failed')
                        : t('ratingForm.notEntered')}
                  </Tag>
                  <span>{c.label}</span>
                </Space>
                <Typography.Text type="secondary">
                  {c.citation}
                  {c.ok !== true && c.unblock ? ` — ${c.unblock}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Space>
    </Card>
  );
}

/** The form; `org`, `year` and `quarter` start from the report being read. */
export function RatingForm({
  org: initialOrg,
  year: initialYear,
  quarter: initialQuarter,
}: {
  org: string | undefined;
  year: number;
  quarter: number | undefined;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [subject, setSubject] = useState<'organization' | 'member'>('member');
  const [org, setOrg] = useState<string | undefined>(initialOrg);
  const [personId, setPersonId] = useState<number | undefined>();
  const [year, setYear] = useState(initialYear);
  const [quarter, setQuarter] = useState<number | undefined>(initialQuarter);
  const [ratedOn, setRatedOn] = useState<string | undefined>(
    periodEnd(initialYear, initialQuarter),
  );
  const [scores, setScores] = useState<Record<string, number | undefined>>({});
  const [proposedLevel, setProposedLevel] = useState<RatingLevel | undefined>();
  const [conditions, setConditions] = useState<RatingConditions>({});
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [outcome, setOutcome] = useState<RecordedRating | null>(null);
  const end = periodEnd(year, quarter);

  const scheme = useQuery({
    queryKey: ['ratings', 'scheme', year, quarter],
    queryFn: () => apiGet<RatingSchemeAnswer>('/ratings/scheme', { year, quarter }),
    retry: false,
  });
  const save = useMutation({
    mutationFn: () =>
      apiSend<RecordedRating>('POST', '/ratings', {
        organizationCode: org,
        ...(subject === 'member' ? { personId } : {}),
        year,
        ...(quarter ? { quarter } : {}),
        ratedOn,
        scores: Object.fromEntries(
          Object.entries(scores).filter(([, v]) => v !== undefined && v !== null),
        ),
        ...(proposedLevel ? { proposedLevel } : {}),
        conditions,
      }),
    onSuccess: (r) => {
      setProblem(null);
      setOutcome(r);
      void client.invalidateQueries({ queryKey: ['reports', 'ratings'] });
    },
    onError: (error) => {
      setOutcome(null);
      setProblem(
        error instanceof ApiError ? error : new ApiError(0, 'internal', String(error), []),
      );
    },
  });
  const setCondition = <K extends keyof RatingConditions>(key: K, value: RatingConditions[K]) =>
    setConditions((c) => {
      const copy = { ...c };
      if (value === undefined || value === null) delete copy[key];
      else copy[key] = value;
      return copy;
    });

  const conditionInput = (key: keyof RatingConditions) => {
    const label = t(`ratingForm.conditions.${key}`);
    if (PERCENT_FIELDS.has(key))
      return (
        <InputNumber
          id={`rating-${key}`}
          aria-label={label}
          min={0}
          max={100}
          addonAfter="%"
          value={conditions[key] as number | undefined}
          onChange={(v) => setCondition(key, (v ?? undefined) as never)}
          style={{ width: 140 }}
        />
      );
    if (key === 'civilServiceLevel')
      return (
        <Select<RatingLevel | 'none'>
          id="rating-civilServiceLevel"
          aria-label={label}
          value={conditions.civilServiceLevel ?? 'none'}
          onChange={(v) => setCondition('civilServiceLevel', v === 'none' ? undefined : v)}
          style={{ width: 260 }}
          options={[
            { value: 'none', label: t('ratingForm.notCivilServant') },
            ...LEVELS.map((l) => ({ value: l, label: t(`ratings.levels.${l}`) })),
          ]}
        />
      );
    const v = conditions[key] as boolean | undefined;
    return (
      <Radio.Group
        id={`rating-${key}`}
        aria-label={label}
        value={v === undefined ? undefined : v ? 'yes' : 'no'}
        onChange={(e) => setCondition(key, (e.target.value === 'yes') as never)}
        optionType="button"
        size="small"
        options={[
          { value: 'yes', label: t('ratingForm.yes') },
          { value: 'no', label: t('ratingForm.no') },
        ]}
      />
    );
  };

  return (
    <Form layout="vertical" onFinish={() => save.mutate()}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('ratingForm.subject')}>
            <Radio.Group
              value={subject}
              onChange={(e) => {
                setSubject(e.target.value as 'organization' | 'member');
                setScores({});
                setConditions({});
              }}
              options={[
                { value: 'member', label: t('ratingForm.subjects.member') },
                { value: 'organization', label: t('ratingForm.subjects.organization') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('ratingForm.year')} htmlFor="rating-year">
            <InputNumber
              id="rating-year"
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => {
                if (v) {
                  setYear(v);
                  setRatedOn(periodEnd(v, quarter));
                }
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('ratingForm.quarter')} htmlFor="rating-quarter">
            <Select<number>
              id="rating-quarter"
              value={quarter ?? 0}
              onChange={(v) => setQuarter(v || undefined)}
              options={[0, 1, 2, 3, 4].map((q) => ({
                value: q,
                label: q ? t('ratingForm.quarterN', { q }) : t('ratingForm.wholeYear'),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('ratingForm.organization')} htmlFor="rating-org">
            <OrgPicker id="rating-org" asOf={end} value={org} onChange={setOrg} width="100%" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          {subject === 'member' && (
            <Form.Item label={t('ratingForm.member')} htmlFor="rating-member">
              <PersonOfOrg org={org} asOf={end} value={personId} onChange={setPersonId} />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('ratingForm.ratedOn')} htmlFor="rating-ratedOn">
            <DateField
              id="rating-ratedOn"
              label={t('ratingForm.ratedOn')}
              value={ratedOn}
              onChange={setRatedOn}
            />
          </Form.Item>
        </Col>
      </Row>
      <QueryView query={scheme}>
        {(s) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type={s.inForce ? 'info' : 'warning'}
              showIcon
              data-testid="rating-scheme"
              message={t('ratingForm.schemeIs', { name: s.name })}
              description={t(
                s.scale === 'points' ? 'ratingForm.pointsNote' : 'ratingForm.gradesNote',
                {
                  from: day(s.validFrom),
                  guidance: s.guidance ?? '—',
                  excellent: s.excellentMin,
                  good: s.goodMin,
                  completed: s.completedMin,
                },
              )}
            />
            {s.scale === 'points' ? (
              s.groups
                .filter((g) => g.subject === subject)
                .map((g) => (
                  <Card
                    key={g.code}
                    size="small"
                    title={t('ratingForm.group', { name: g.name, n: g.maxPoints })}
                    extra={<Typography.Text type="secondary">{g.citation}</Typography.Text>}
                  >
                    {g.criteria.map((c) => (
                      <div
                        key={c.code}
                        style={{ display: 'flex', alignItems: 'center', gap: 12, marginBottom: 8 }}
                      >
                        <label htmlFor={`rating-score-${c.code}`} style={{ flex: 1 }}>
                          {c.name}
                        </label>
                        <InputNumber
                          id={`rating-score-${c.code}`}
                          min={0}
                          max={c.maxPoints}
                          value={scores[c.code]}
                          onChange={(v) => setScores((x) => ({ ...x, [c.code]: v ?? undefined }))}
                          placeholder={c.proposable ? t('ratingForm.proposable') : undefined}
                          style={{ width: c.proposable ? 220 : 120 }}
                        />
                        <span style={{ whiteSpace: 'nowrap', width: 64 }}>
                          {t('ratingForm.maxPoints', { n: c.maxPoints })}
                        </span>
                      </div>
                    ))}
                  </Card>
                ))
            ) : (
              <Form.Item label={t('ratingForm.proposedLevel')} htmlFor="rating-proposedLevel">
                <Select<RatingLevel>
                  id="rating-proposedLevel"
                  value={proposedLevel}
                  onChange={setProposedLevel}
                  style={{ width: 280 }}
                  options={LEVELS.map((l) => ({ value: l, label: t(`ratings.levels.${l}`) }))}
                />
              </Form.Item>
            )}
            <Card size="small" title={t('ratingForm.conditionsTitle')}>
              <Typography.Paragraph type="secondary">
                {t('ratingForm.conditionsNote')}
              </Typography.Paragraph>
              <Descriptions column={1} size="small" bordered>
                {s.conditions[subject].map((key) => (
                  <Descriptions.Item key={key} label={t(`ratingForm.conditions.${key}`)}>
                    {conditionInput(key as keyof RatingConditions)}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          </Space>
        )}
      </QueryView>
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          message={problem.message}
          description={
            problem.errors.length > 0 ? (
              <ul style={{ margin: 0 }}>
                {problem.errors.map((e) => (
                  <li key={`${e.field}:${e.message}`}>{e.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('ratingForm.save')}
        </Button>
      </Space>
      {outcome && (
        <div style={{ marginTop: 12 }}>
          <RatingOutcome r={outcome} />
        </div>
      )}
    </Form>
  );
}
