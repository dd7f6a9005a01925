/**
 * Party-awareness classes (lớp bồi dưỡng nhận thức về Đảng): the classes of the scope, a class's
 * participants with their results, and the one step that issues the certificates and moves every
 * passing candidate at "being fostered" to "trained" (the server does it in one transaction).
 * Candidates are enrolled here with a picker, or from the board by selecting several dossiers.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import type { CandidateList } from '../../api/types.ts';
import { foldText } from '../../../shared/text.ts';
import { DateField } from '../../components/DateField.tsx';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { QueryView } from '../../components/States.tsx';
import { todayIso, useScope, useScopeSearch } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';
import { useSession } from '../session/session.tsx';
import type { CourseDetail, CourseList, CourseParticipant } from './courses.types.ts';

const problemText = (error: unknown) => (error instanceof ApiError ? error.message : String(error));

/** The form that records a new class. */
function CreateCourse({ onCreated }: { onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const { org } = useScope();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [organizationCode, setOrganizationCode] = useState<string | undefined>(org);
  const [name, setName] = useState('');
  const [organizer, setOrganizer] = useState('');
  const [startsOn, setStartsOn] = useState<string | undefined>(todayIso());
  const [endsOn, setEndsOn] = useState<string | undefined>(todayIso());
  const create = useMutation({
    mutationFn: () =>
      apiSend<CourseDetail>('POST', '/courses', {
        organizationCode,
        name,
        organizer,
        startsOn,
        endsOn,
      }),
    onSuccess: (course) => {
      void client.invalidateQueries({ queryKey: ['courses'] });
      setOpen(false);
      setName('');
      onCreated(course.id);
    },
  });
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="course-create">
        {t('daily.createCourse')}
      </Button>
      <Modal
        open={open}
        title={t('daily.createCourse')}
        onCancel={() => setOpen(false)}
        okText={t('daily.save')}
        cancelText={t('daily.cancel')}
        okButtonProps={{
          disabled: !organizationCode || !name || !organizer || !startsOn || !endsOn,
          loading: create.isPending,
        }}
        onOk={() => create.mutate()}
        width={640}
      >
        <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('daily.courseOrganization')} htmlFor="course-org">
            <OrgPicker
              id="course-org"
              asOf={todayIso()}
              value={organizationCode}
              onChange={setOrganizationCode}
              width="100%"
            />
          </Form.Item>
          <Form.Item label={t('daily.courseName')} htmlFor="course-name">
            <Input
              id="course-name"
              value={name}
              maxLength={200}
              placeholder={t('daily.courseNameHint')}
              onChange={(e) => setName(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t('daily.organizer')} htmlFor="course-organizer">
            <Input
              id="course-organizer"
              value={organizer}
              maxLength={200}
              placeholder={t('daily.organizerHint')}
              onChange={(e) => setOrganizer(e.target.value)}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item label={t('daily.startsOn')} htmlFor="course-starts">
              <DateField
                id="course-starts"
                label={t('daily.startsOn')}
                value={startsOn}
                onChange={setStartsOn}
              />
            </Form.Item>
            <Form.Item label={t('daily.endsOn')} htmlFor="course-ends">
              <DateField
                id="course-ends"
                label={t('daily.endsOn')}
                value={endsOn}
                onChange={setEndsOn}
              />
            </Form.Item>
          </Space>
          {create.isError && <Alert type="error" showIcon title={problemText(create.error)} />}
        </Form>
      </Modal>
    </>
  );
}

/** Picks candidates being fostered in the scope and enrols them. */
function EnrolPicker({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  const { org } = useScope();
  const client = useQueryClient();
  const [personIds, setPersonIds] = useState<number[]>([]);
  const fostering = useQuery({
    queryKey: ['candidates', org, 'fostering', 500],
    queryFn: () => apiGet<CandidateList>('/candidates', { org, stage: 'fostering', limit: 500 }),
  });
  const enrolled = new Set(course.participants.map((p) => p.personId));
  const enrol = useMutation({
    mutationFn: () => apiSend('POST', `/courses/${course.id}/participants`, { personIds }),
    onSuccess: () => {
      setPersonIds([]);
      void client.invalidateQueries({ queryKey: ['course', String(course.id)] });
    },
  });
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        mode="multiple"
        aria-label={t('daily.enrolPick')}
        placeholder={t('daily.enrolPick')}
        style={{ width: '100%' }}
        value={personIds}
        onChange={setPersonIds}
        loading={fostering.isPending}
        filterOption={(input, option) => foldText(option?.label ?? '').includes(foldText(input))}
        options={(fostering.data?.items ?? [])
          .filter((c) => !enrolled.has(c.personId))
          .map((c) => ({ value: c.personId, label: `${c.fullName} — ${c.organizationName}` }))}
      />
      <Button
        disabled={personIds.length === 0}
        loading={enrol.isPending}
        onClick={() => enrol.mutate()}
      >
        {t('daily.enrolSubmit')}
      </Button>
    </Space.Compact>
  );
}

/** One class: participants, results, certificates. */
function CourseView({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const search = useScopeSearch();
  const client = useQueryClient();
  const course = useQuery({
    queryKey: ['course', id],
    queryFn: () => apiGet<CourseDetail>(`/courses/${encodeURIComponent(id)}`),
  });
  const [results, setResults] = useState<Record<number, { result?: string; score?: number }>>({});
  const [issuedOn, setIssuedOn] = useState<string | undefined>(todayIso());
  const [trained, setTrained] = useState<number | null>(null);
  const saveResults = useMutation({
    mutationFn: () =>
      apiSend<CourseDetail>('POST', `/courses/${id}/results`, {
        results: Object.entries(results)
          .filter(([, r]) => r.result)
          .map(([personId, r]) => ({
            personId: Number(personId),
            result: r.result,
            ...(r.score !== undefined && r.score !== null ? { score: r.score } : {}),
          })),
      }),
    onSuccess: (detail) => {
      client.setQueryData(['course', id], detail);
      setResults({});
      void message.success(t('daily.resultsSaved'));
    },
  });
  const issue = useMutation({
    mutationFn: (version: number) =>
      apiSend<CourseDetail>('POST', `/courses/${id}/certificates`, { issuedOn, version }),
    onSuccess: (detail) => {
      client.setQueryData(['course', id], detail);
      setTrained(detail.candidatesTrained?.length ?? 0);
      void client.invalidateQueries({ queryKey: ['courses'] });
      void client.invalidateQueries({ queryKey: ['candidates'] });
      void client.invalidateQueries({ queryKey: ['todo'] });
    },
  });
  const write = can('train');
  return (
    <QueryView query={course}>
      {(c) => {
        const closed = Boolean(c.certificatesIssuedOn);
        const resultOf = (p: CourseParticipant) => results[p.personId]?.result ?? p.result;
        const passing = c.participants.filter((p) => resultOf(p) === 'passed');
        const passingCandidates = passing.filter((p) => p.candidateStage === 'fostering').length;
        const pending = Object.values(results).some((r) => r.result);
        return (
          <Card
            size="small"
            title={c.name}
            data-testid="course-view"
            extra={
              closed ? (
                <Tag color="green">
                  {t('daily.certificatesIssued', { date: day(c.certificatesIssuedOn) })}
                </Tag>
              ) : (
                <Tag color="blue">{t('daily.courseOpen')}</Tag>
              )
            }
          >
            <Descriptions size="small" column={{ xs: 1, xl: 3 }}>
              <Descriptions.Item label={t('daily.organizer')}>{c.organizer}</Descriptions.Item>
              <Descriptions.Item label={t('daily.dates')}>
                {day(c.startsOn)} – {day(c.endsOn)}
              </Descriptions.Item>
              <Descriptions.Item label={t('daily.participants')}>
                {num(c.participants.length)}
              </Descriptions.Item>
            </Descriptions>
            {write && !closed && (
              <div style={{ margin: '8px 0 12px' }}>
                <EnrolPicker course={c} />
              </div>
            )}
            <Table<CourseParticipant>
              size="small"
              rowKey="personId"
              pagination={false}
              dataSource={c.participants}
              data-testid="participants"
              locale={{ emptyText: t('daily.noParticipants') }}
              columns={[
                {
                  title: t('daily.person'),
                  render: (_: unknown, p) =>
                    p.candidateId ? (
                      <Link to={`/candidates/${p.candidateId}${search}`}>{p.fullName}</Link>
                    ) : (
                      p.fullName
                    ),
                },
                {
                  title: t('daily.stage'),
                  render: (_: unknown, p) =>
                    p.candidateStage ? t(`stages.${p.candidateStage}`) : '—',
                },
                {
                  title: t('daily.result'),
                  width: write && !closed ? 190 : 100,
                  render: (_: unknown, p) =>
                    write && !closed ? (
                      <Radio.Group
                        size="small"
                        aria-label={t('daily.resultOf', { name: p.fullName })}
                        value={resultOf(p)}
                        onChange={(e) =>
                          setResults((r) => ({
                            ...r,
                            [p.personId]: { ...r[p.personId], result: String(e.target.value) },
                          }))
                        }
                        options={[
                          { value: 'passed', label: t('daily.passed') },
                          { value: 'failed', label: t('daily.failed') },
                        ]}
                      />
                    ) : p.result ? (
                      <Tag color={p.result === 'passed' ? 'green' : 'red'}>
                        {t(`daily.${p.result}`)}
                      </Tag>
                    ) : (
                      '—'
                    ),
                },
                {
                  title: t('daily.score'),
                  width: 90,
                  render: (_: unknown, p) =>
                    write && !closed ? (
                      <InputNumber
                        size="small"
                        min={0}
                        max={10}
                        step={0.5}
                        aria-label={t('daily.scoreOf', { name: p.fullName })}
                        value={results[p.personId]?.score ?? p.score}
                        onChange={(v) =>
                          setResults((r) => ({
                            ...r,
                            [p.personId]: {
                              ...r[p.personId],
                              result: r[p.personId]?.result ?? p.result ?? undefined,
                              score: v ?? undefined,
                            },
                          }))
                        }
                      />
                    ) : (
                      num(p.score, 1)
                    ),
                },
                {
                  title: t('daily.certificate'),
                  render: (_: unknown, p) =>
                    p.certificateNumber
                      ? `${p.certificateNumber} (${day(p.certificateIssuedOn)})`
                      : '—',
                },
              ]}
            />
            {write && !closed && (
              <Space wrap style={{ marginTop: 12 }} align="end">
                <Button
                  disabled={!pending}
                  loading={saveResults.isPending}
                  onClick={() => saveResults.mutate()}
                  data-testid="save-results"
                >
                  {t('daily.saveResults')}
                </Button>
                <label htmlFor="issued-on" className="field-label">
                  {t('daily.issuedOn')}
                </label>
                <DateField
                  id="issued-on"
                  label={t('daily.issuedOn')}
                  value={issuedOn}
                  onChange={setIssuedOn}
                />
                <Button
                  type="primary"
                  disabled={pending || passing.length === 0 || !issuedOn}
                  loading={issue.isPending}
                  onClick={() => issue.mutate(c.version)}
                  data-testid="issue-certificates"
                >
                  {t('daily.issueCertificates', { n: passingCandidates })}
                </Button>
              </Space>
            )}
            {saveResults.isError && (
              <Alert type="error" showIcon title={problemText(saveResults.error)} />
            )}
            {issue.isError && (
              <Alert
                style={{ marginTop: 12 }}
                type="error"
                showIcon
                title={problemText(issue.error)}
                description={
                  issue.error instanceof ApiError &&
                  issue.error.errors.map((e) => <div key={e.field}>{e.message}</div>)
                }
              />
            )}
            {trained !== null && (
              <Alert
                style={{ marginTop: 12 }}
                type="success"
                showIcon
                data-testid="trained-result"
                title={t('daily.trainedResult', { n: trained })}
              />
            )}
          </Card>
        );
      }}
    </QueryView>
  );
}

/** The classes screen. */
export default function CoursesPage() {
  const { t } = useTranslation();
  const { org } = useScope();
  const { id } = useParams();
  const search = useScopeSearch();
  const navigate = useNavigate();
  const { can } = useSession();
  const courses = useQuery({
    queryKey: ['courses', org],
    queryFn: () => apiGet<CourseList>('/courses', { org }),
  });
  return (
    <>
      <div className="page-head">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('daily.coursesTitle')}
        </Typography.Title>
        {can('train') && (
          <CreateCourse onCreated={(created) => void navigate(`/courses/${created}${search}`)} />
        )}
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <QueryView query={courses}>
            {(data) => (
              <Table
                size="small"
                rowKey="id"
                dataSource={data.items}
                pagination={{ pageSize: 15, hideOnSinglePage: true }}
                locale={{ emptyText: t('daily.noCourses') }}
                rowClassName={(c) => (String(c.id) === id ? 'row-selected' : '')}
                columns={[
                  {
                    title: t('daily.courseName'),
                    render: (_: unknown, c) => (
                      <Link to={`/courses/${c.id}${search}`}>{c.name}</Link>
                    ),
                  },
                  {
                    title: t('daily.dates'),
                    width: 120,
                    render: (_: unknown, c) => (
                      <span style={{ fontSize: 12 }}>
                        {day(c.startsOn)}
                        <br />
                        {day(c.endsOn)}
                      </span>
                    ),
                  },
                  {
                    title: t('daily.certificate'),
                    width: 100,
                    render: (_: unknown, c) =>
                      c.certificatesIssuedOn ? (
                        <Tag color="green">{day(c.certificatesIssuedOn)}</Tag>
                      ) : (
                        <Tag>{t('daily.courseOpen')}</Tag>
                      ),
                  },
                ]}
              />
            )}
          </QueryView>
        </Col>
        <Col xs={24} xl={16}>
          {id ? (
            <CourseView key={id} id={id} />
          ) : (
            <Typography.Text type="secondary">{t('daily.pickCourseHint')}</Typography.Text>
          )}
        </Col>
      </Row>
    </>
  );
}
