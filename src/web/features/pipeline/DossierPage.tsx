/**
 * One candidate's dossier: documents checklist and requests (DossierPaperwork), votes, deadlines, every rule check of the next
 * steps with its message, the recorded history, and the form to record the next step.
 */
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Row,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiUrl } from '../../api/client.ts';
import { DOSSIER_FORMS } from '../../../shared/dossier-forms.ts';
import type { CandidateDetail, StepCheck } from '../../api/types.ts';
import { QueryView } from '../../components/States.tsx';
import { todayIso } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';
import { useSession } from '../session/session.tsx';
import { TransitionForm } from './TransitionForm.tsx';
import { DossierPaperwork } from './DossierPaperwork.tsx';
import { BOARD_STAGES } from './stages.ts';

const CHECK_COLORS: Record<string, string> = { ok: 'green', warning: 'orange', blocked: 'red' };

/** The stages in order, to tell how far a dossier has come (off-ramps excluded). */
const ORDER = [...BOARD_STAGES, 'official'] as readonly string[];

/** The furthest stage a dossier reached, by its current stage and its recorded steps. */
function furthestStage(c: CandidateDetail): number {
  const reached = [c.stage, ...c.history.filter((h) => h.outcome === 'done').map((h) => h.to)];
  return Math.max(-1, ...reached.map((s) => ORDER.indexOf(s)));
}

/**
 * The dossier's forms (1-KNĐ … 17-KNĐ) the server fills in, each offered from the stage where it
 * is drafted, and the whole dossier as one ZIP in the dossier's order ("Tải cả hồ sơ").
 */
function ProcedureDocuments({ c }: { c: CandidateDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const reached = furthestStage(c);
  const offered = DOSSIER_FORMS.filter(
    (d) =>
      reached >= ORDER.indexOf(d.from) &&
      // The removal decision is a form only of a probation that was not recognized.
      (d.kind !== 'probation-removal' || c.stage === 'not_recognized'),
  );
  if (!can('readPersonalData'))
    return <Typography.Text type="secondary">{t('documents.noRight')}</Typography.Text>;
  if (offered.length === 0)
    return <Typography.Text type="secondary">{t('documents.notYet')}</Typography.Text>;
  return (
    <>
      <Button
        type="primary"
        href={apiUrl(`/candidates/${c.id}/dossier.zip`)}
        download
        data-testid="dossier-zip"
        title={t('dossierForms.downloadAllHint')}
        style={{ marginBottom: 8 }}
      >
        {t('dossierForms.downloadAll')}
      </Button>
      <List
        size="small"
        dataSource={[...offered]}
        renderItem={(d) => (
          <List.Item>
            <a
              href={apiUrl(`/candidates/${c.id}/documents/${d.kind}.docx`)}
              download
              data-testid={`document-${d.kind}`}
            >
              {t('documents.form', { form: d.form })}: {d.title}
            </a>
          </List.Item>
        )}
      />
    </>
  );
}

/** The dossier screen. */
export default function DossierPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const candidate = useQuery({
    queryKey: ['candidate', id],
    queryFn: () => apiGet<CandidateDetail>(`/candidates/${encodeURIComponent(id ?? '')}`),
  });
  const stageName = (s: string | null) => (s ? t(`stages.${s}`, { defaultValue: s }) : '—');
  return (
    <QueryView query={candidate}>
      {(c) => (
        <>
          <Typography.Title level={2} style={{ marginTop: 0 }}>
            {t('pipeline.dossier')}: {c.person.fullName}
          </Typography.Title>
          {c.failedVotes >= (c.failedVotesLimit ?? 3) && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="escalation"
              title={t('daily.escalationTitle', { n: c.failedVotes })}
              description={t('daily.escalationText')}
            />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small">
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('pipeline.stage')}>
                    <Tag color="red" data-testid="stage">
                      {stageName(c.stage)}
                    </Tag>
                    {t('pipeline.since', { date: day(c.stageOn) })}
                    {c.readmitted && (
                      <Tag color="purple" data-testid="readmitted" style={{ marginLeft: 8 }}>
                        {t('admissionCases.readmitted')}
                      </Tag>
                    )}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('members.organization')}>
                    {c.organization?.name ?? '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.birthDate')}>
                    {day(c.person.birthDate)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.ethnicity')}>
                    {c.person.ethnicity}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.education')}>
                    {t(`enums.education.${c.person.educationLevel}`, {
                      defaultValue: c.person.educationLevel,
                    })}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('people.unit')}>
                    {c.person.unitName ?? '—'}
                  </Descriptions.Item>
                  {c.certificate && (
                    <Descriptions.Item label={t('pipeline.certificateNumber')}>
                      {c.certificate.number} ({day(c.certificate.issuedOn)}, {c.certificate.issuer})
                    </Descriptions.Item>
                  )}
                  {c.failedVotes > 0 && (
                    <Descriptions.Item label={t('daily.failedVotes')}>
                      <Tag color="red" data-testid="failed-votes">
                        {t('daily.failedVotesCount', {
                          n: c.failedVotes,
                          limit: c.failedVotesLimit ?? 3,
                        })}
                      </Tag>
                    </Descriptions.Item>
                  )}
                  {c.helpers.length > 0 && (
                    <Descriptions.Item label={t('pipeline.helpers')}>
                      {c.helpers.map((h) => h.fullName).join(', ')}
                    </Descriptions.Item>
                  )}
                  {c.introducers.length > 0 && (
                    <Descriptions.Item label={t('pipeline.introducersList')}>
                      {c.introducers.map((h) => h.fullName).join(', ')}
                    </Descriptions.Item>
                  )}
                </Descriptions>
                <Link to={`/people/${c.person.id}`}>{t('pipeline.openPerson')}</Link>
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('pipeline.checks')}>
                <List<StepCheck>
                  size="small"
                  dataSource={c.checks}
                  locale={{ emptyText: t('state.empty') }}
                  renderItem={(check) => (
                    <List.Item>
                      <span>
                        <Tag color={CHECK_COLORS[check.status]}>
                          {t(`checkStatus.${check.status}`)}
                        </Tag>
                        {i18n.language === 'en' && check.messageEn
                          ? check.messageEn
                          : check.message}
                        {check.citation && (
                          <span className="check-why" data-testid="check-citation">
                            {t('regulations.why')}: {check.citation}
                          </span>
                        )}
                        {check.status !== 'ok' && check.unblock && (
                          <span className="check-todo" data-testid="check-unblock">
                            {t('regulations.todo')}: {check.unblock}
                          </span>
                        )}
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        → {stageName(check.to)}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            {can('write') && (
              <Col xs={24}>
                <Card size="small" title={t('pipeline.record')}>
                  <TransitionForm key={c.version} candidate={c} />
                </Card>
              </Col>
            )}
            <DossierPaperwork candidateId={c.id} />
            <Col xs={24} lg={12}>
              <Card size="small" title={t('documents.title')}>
                <ProcedureDocuments c={c} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('pipeline.deadlines')}>
                <List
                  size="small"
                  dataSource={c.deadlines}
                  locale={{ emptyText: t('state.empty') }}
                  renderItem={(d) => (
                    <List.Item>
                      <span>
                        {t(`deadlines.${d.kind}`, {
                          defaultValue: t(`admissionCases.deadlines.${d.kind}`, {
                            defaultValue: d.kind,
                          }),
                        })}
                      </span>
                      <Tag color={d.dueOn < todayIso() ? 'red' : 'blue'}>
                        {t('pipeline.dueOn', { date: day(d.dueOn) })}
                      </Tag>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('pipeline.votes')}>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(v) => `${v.stage}-${v.on}-${v.outcome}-${v.inFavour}`}
                  dataSource={c.votes}
                  locale={{ emptyText: t('state.empty') }}
                  scroll={{ x: 480 }}
                  columns={[
                    { title: t('pipeline.stage'), dataIndex: 'stage', render: stageName },
                    { title: t('pipeline.on'), dataIndex: 'on', render: day },
                    {
                      title: t('pipeline.inFavour'),
                      render: (_: unknown, v) =>
                        `${num(v.inFavour)} / ${num(v.officialMembers ?? v.members ?? null)}${v.present !== undefined ? ` (${t('pipeline.present').toLowerCase()} ${num(v.present)})` : ''}`,
                    },
                    { title: t('pipeline.resolutionNo'), dataIndex: 'resolutionNo' },
                    {
                      title: t('daily.voteOutcome'),
                      dataIndex: 'outcome',
                      render: (o: string) =>
                        o === 'failed' ? (
                          <Tag color="red">{t('daily.voteNotPassed')}</Tag>
                        ) : (
                          <Tag color="green">{t('daily.votePassed')}</Tag>
                        ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('pipeline.history')}>
                <Timeline
                  items={c.history.map((h, i) => ({
                    key: i,
                    color: h.outcome === 'failed' ? 'red' : 'blue',
                    content: (
                      <>
                        <strong>{day(h.on)}</strong> — {stageName(h.to)}
                        {h.outcome === 'failed' ? ' ✗' : ''}
                        {h.reason ? ` (${h.reason})` : ''}
                        {h.actor ? (
                          <Typography.Text type="secondary"> · {h.actor}</Typography.Text>
                        ) : null}
                      </>
                    ),
                  }))}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </QueryView>
  );
}
