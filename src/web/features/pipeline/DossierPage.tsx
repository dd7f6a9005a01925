/**
 * One candidate's dossier: documents checklist and requests (DossierPaperwork), votes, deadlines, every rule check of the next
 * steps with its message, the recorded history, and the form to record the next step.
 */
import { Link, useParams } from 'react-router-dom';
import { Card, Col, Descriptions, List, Row, Table, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiUrl } from '../../api/client.ts';
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

/**
 * The procedure documents (guidance 12-HD/BTCTW) the server fills in, each offered from the stage
 * where it is drafted (the meeting that adopts it is being prepared) and final once the stage
 * that records it has been reached.
 */
const PROCEDURE_DOCUMENTS = [
  { kind: 'admission-resolution', form: '6-KNĐ', from: 'dossier', final: 'cell_voted' },
  { kind: 'admission-decision', form: '9-KNĐ', from: 'cell_voted', final: 'decided' },
  { kind: 'recognition-resolution', form: '13-KNĐ', from: 'admitted', final: 'probation_review' },
  { kind: 'recognition-decision', form: '16-KNĐ', from: 'probation_review', final: 'official' },
] as const;

/** The furthest stage a dossier reached, by its current stage and its recorded steps. */
function furthestStage(c: CandidateDetail): number {
  const reached = [c.stage, ...c.history.filter((h) => h.outcome === 'done').map((h) => h.to)];
  return Math.max(-1, ...reached.map((s) => ORDER.indexOf(s)));
}

/** Links to the pre-filled DOCX documents the dossier has come far enough for. */
function ProcedureDocuments({ c }: { c: CandidateDetail }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const reached = furthestStage(c);
  const offered = PROCEDURE_DOCUMENTS.filter((d) => reached >= ORDER.indexOf(d.from));
  if (!can('readPersonalData'))
    return <Typography.Text type="secondary">{t('documents.noRight')}</Typography.Text>;
  if (offered.length === 0)
    return <Typography.Text type="secondary">{t('documents.notYet')}</Typography.Text>;
  return (
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
            {t(`documents.${d.kind}`)} ({t('documents.form', { form: d.form })})
          </a>
          {reached >= ORDER.indexOf(d.final) ? (
            <Tag color="green">{t('documents.final')}</Tag>
          ) : (
            <Tag>{t('documents.draft')}</Tag>
          )}
        </List.Item>
      )}
    />
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
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small">
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('pipeline.stage')}>
                    <Tag color="red" data-testid="stage">
                      {stageName(c.stage)}
                    </Tag>
                    {t('pipeline.since', { date: day(c.stageOn) })}
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
                      <span>{t(`deadlines.${d.kind}`, { defaultValue: d.kind })}</span>
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
                  rowKey={(v) => `${v.stage}-${v.on}`}
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
