/**
 * The board's actions on several selected dossiers: move them together to a stage (the server
 * judges each dossier on its own and answers one result per dossier, shown in a table) or enrol
 * them in a Party-awareness class.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import type { CandidateItem } from '../../api/types.ts';
import type { BulkTransitionAnswer } from '../../../shared/daily.ts';
import { PIPELINE_STATES } from '../../../shared/pipeline.ts';
import { DateField } from '../../components/DateField.tsx';
import { todayIso } from '../../components/scope.ts';
import { day } from '../../components/format.ts';
import { useSession } from '../session/session.tsx';
import type { CourseList } from '../courses/courses.types.ts';

const OFF_RAMPS = new Set(['withdrawn', 'rejected', 'not_recognized']);
/** Stages that need details given per person (introducers, votes, certificates): one at a time. */
const ONE_AT_A_TIME = new Set(['trained', 'dossier', 'cell_voted', 'committee_reviewed']);

/** The problem's message, or the error's text. */
function problemText(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

/** The table of one result per dossier of a bulk move. */
function BulkResults({ answer }: { answer: BulkTransitionAnswer }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph data-testid="bulk-summary">
        {t('daily.bulkSummary', { moved: answer.moved, refused: answer.refused })}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="candidateId"
        dataSource={answer.items}
        data-testid="bulk-results"
        columns={[
          { title: t('daily.person'), dataIndex: 'fullName' },
          {
            title: t('daily.result'),
            render: (_: unknown, item) =>
              item.moved ? (
                <Tag color="green">{t('daily.moved')}</Tag>
              ) : (
                <Tag color="red">{t('daily.refused')}</Tag>
              ),
          },
          {
            title: t('daily.why'),
            render: (_: unknown, item) =>
              item.moved ? (
                t(`stages.${item.stage}`)
              ) : (
                <>
                  {item.message}
                  {item.code && (
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                        {item.code}
                      </Typography.Text>
                    </div>
                  )}
                </>
              ),
          },
        ]}
      />
    </>
  );
}

/** Moves the selected dossiers to one stage on one date. */
function BulkMove({ selected, onDone }: { selected: CandidateItem[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<string>('fostering');
  const [on, setOn] = useState<string | undefined>(todayIso());
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState('');
  const [answer, setAnswer] = useState<BulkTransitionAnswer | null>(null);
  const needsDecision = to === 'decided' || to === 'official';
  const move = useMutation({
    mutationFn: () =>
      apiSend<BulkTransitionAnswer>('POST', '/candidates/transitions', {
        candidateIds: selected.map((c) => c.id),
        to,
        on,
        ...(reason ? { reason } : {}),
        ...(needsDecision ? { decision: { number: decision, on } } : {}),
      }),
    onSuccess: (result) => {
      setAnswer(result);
      void client.invalidateQueries({ queryKey: ['candidates'] });
      void client.invalidateQueries({ queryKey: ['todo'] });
    },
  });
  const close = () => {
    setOpen(false);
    if (answer) onDone();
    setAnswer(null);
    move.reset();
  };
  const stages = PIPELINE_STATES.filter((s) => s !== 'source' && !ONE_AT_A_TIME.has(s));
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="bulk-move">
        {t('daily.bulkMove')}
      </Button>
      <Modal
        open={open}
        title={t('daily.bulkMoveTitle', { n: selected.length })}
        onCancel={close}
        width={760}
        footer={
          answer ? (
            <Button onClick={close}>{t('daily.close')}</Button>
          ) : (
            <Space>
              <Button onClick={close}>{t('daily.cancel')}</Button>
              <Button
                type="primary"
                loading={move.isPending}
                disabled={!on || (OFF_RAMPS.has(to) && !reason) || (needsDecision && !decision)}
                onClick={() => move.mutate()}
                data-testid="bulk-move-submit"
              >
                {t('daily.bulkMoveSubmit')}
              </Button>
            </Space>
          )
        }
      >
        {answer ? (
          <BulkResults answer={answer} />
        ) : (
          <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
            <Typography.Paragraph type="secondary">
              {selected.map((c) => c.fullName).join(', ')}
            </Typography.Paragraph>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('daily.bulkOneAtATime')}
            </Typography.Paragraph>
            <Space wrap align="start">
              <Form.Item label={t('daily.toStage')} htmlFor="bulk-to">
                <Select
                  id="bulk-to"
                  aria-label={t('daily.toStage')}
                  style={{ width: 280 }}
                  value={to}
                  onChange={setTo}
                  options={stages.map((s) => ({ value: s, label: t(`stages.${s}`) }))}
                />
              </Form.Item>
              <Form.Item label={t('daily.on')} htmlFor="bulk-on">
                <DateField id="bulk-on" label={t('daily.on')} value={on} onChange={setOn} />
              </Form.Item>
              {needsDecision && (
                <Form.Item label={t('daily.decisionNumber')} htmlFor="bulk-decision">
                  <Input
                    id="bulk-decision"
                    value={decision}
                    onChange={(e) => setDecision(e.target.value)}
                  />
                </Form.Item>
              )}
            </Space>
            <Form.Item
              label={OFF_RAMPS.has(to) ? t('daily.reasonRequired') : t('daily.reason')}
              htmlFor="bulk-reason"
            >
              <Input
                id="bulk-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                maxLength={1000}
              />
            </Form.Item>
            {move.isError && <Alert type="error" showIcon title={problemText(move.error)} />}
          </Form>
        )}
      </Modal>
    </>
  );
}

/** Enrols the selected dossiers' people in a class of the scope. */
function EnrolInClass({
  org,
  selected,
  onDone,
}: {
  org: string | undefined;
  selected: CandidateItem[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [courseId, setCourseId] = useState<number | undefined>();
  const courses = useQuery({
    queryKey: ['courses', org],
    queryFn: () => apiGet<CourseList>('/courses', { org }),
    enabled: open,
  });
  const enrol = useMutation({
    mutationFn: () =>
      apiSend('POST', `/courses/${courseId}/participants`, {
        personIds: selected.map((c) => c.personId),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['course', String(courseId)] });
      void message.success(t('daily.enrolled', { n: selected.length }));
      setOpen(false);
      onDone();
    },
  });
  const open_ = (courses.data?.items ?? []).filter((c) => !c.certificatesIssuedOn);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="bulk-enrol">
        {t('daily.enrol')}
      </Button>
      <Modal
        open={open}
        title={t('daily.enrolTitle', { n: selected.length })}
        onCancel={() => setOpen(false)}
        okText={t('daily.enrolSubmit')}
        cancelText={t('daily.cancel')}
        okButtonProps={{ disabled: !courseId, loading: enrol.isPending }}
        onOk={() => enrol.mutate()}
      >
        <Typography.Paragraph type="secondary">
          {selected.map((c) => c.fullName).join(', ')}
        </Typography.Paragraph>
        <label htmlFor="enrol-course" className="field-label">
          {t('daily.course')}
        </label>
        <Select
          id="enrol-course"
          aria-label={t('daily.course')}
          style={{ width: '100%' }}
          loading={courses.isPending}
          value={courseId}
          onChange={setCourseId}
          placeholder={t('daily.pickCourse')}
          notFoundContent={t('daily.noOpenCourse')}
          options={open_.map((c) => ({
            value: c.id,
            label: `${c.name} (${day(c.startsOn)} – ${day(c.endsOn)})`,
          }))}
        />
        {enrol.isError && (
          <Alert style={{ marginTop: 12 }} type="error" showIcon title={problemText(enrol.error)} />
        )}
      </Modal>
    </>
  );
}

/** The bar shown while dossiers are selected on the board. */
export function BoardBulkActions({
  org,
  selected,
  onClear,
}: {
  org: string | undefined;
  selected: CandidateItem[];
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (selected.length === 0) return null;
  return (
    <div className="bulk-bar" role="region" aria-label={t('daily.selection')}>
      <Typography.Text strong data-testid="selected-count">
        {t('daily.selected', { n: selected.length })}
      </Typography.Text>
      {can('write') && <BulkMove selected={selected} onDone={onClear} />}
      {can('train') && <EnrolInClass org={org} selected={selected} onDone={onClear} />}
      <Button type="link" onClick={onClear}>
        {t('daily.clearSelection')}
      </Button>
    </div>
  );
}
