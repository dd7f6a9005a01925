/**
 * The dossier's paperwork (issue 17): the checklist, each document ticked with its received date
 * (or unticked from a date with the reason), or "Đã có" where the system already holds it, with
 * scans to attach and view; and the requests sent to other organizations (background
 * verification letters, comments, introductions) with their letter, due date and answer.
 */
import { useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
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
import { ApiError, apiGet, apiSend, apiUpload, apiUrl } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { todayIso } from '../../components/scope.ts';
import { day } from '../../components/format.ts';
import { addDays } from '../../../shared/dates.ts';
import {
  REQUEST_DOCUMENT,
  REQUEST_KINDS,
  REQUEST_RESULTS,
  type ChecklistItem,
  type ChecklistKind,
  type DossierPaperwork as Paperwork,
  type DossierRequest,
  type ScanFile,
} from '../../../shared/dossier.ts';
import { useSession } from '../session/session.tsx';

/** Days given to answer a request unless the officer says otherwise. */
const DEFAULT_ANSWER_DAYS = 30;

function problemText(error: unknown, english: boolean): string {
  if (!(error instanceof ApiError)) return String(error);
  const fields = error.errors.map((e) => (english && e.messageEn ? e.messageEn : e.message));
  return [error.message, ...fields].join(' · ');
}

/** Links to a document's or a request's scans: open in a new tab, or download. */
function ScanLinks({ files }: { files: ScanFile[] }) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (files.length === 0) return null;
  if (!can('readPersonalData'))
    return (
      <Typography.Text type="secondary">
        {t('dossier.scanCount', { count: files.length })}
      </Typography.Text>
    );
  return (
    <Space orientation="vertical" size={0}>
      {files.map((f) => (
        <span key={f.id}>
          <a
            href={apiUrl(`/files/${f.id}`)}
            target="_blank"
            rel="noopener noreferrer"
            data-testid={`scan-${f.id}`}
          >
            {f.name}
          </a>{' '}
          <a href={apiUrl(`/files/${f.id}`, { download: 'true' })} download>
            ({t('dossier.download')})
          </a>
        </span>
      ))}
    </Space>
  );
}

/** A hidden file input behind a button: uploads a scan of a document (optionally a request's answer). */
function AttachScan({
  candidateId,
  document,
  requestId,
  onDone,
}: {
  candidateId: number;
  document: ChecklistKind;
  requestId?: number;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        style={{ display: 'none' }}
        data-testid={`attach-input-${requestId !== undefined ? `request-${requestId}` : document}`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (!file) return;
          setBusy(true);
          const query = requestId !== undefined ? `?requestId=${requestId}` : '';
          apiUpload<ScanFile>(
            `/candidates/${candidateId}/documents/${document}/files${query}`,
            file,
          )
            .then(() => {
              void message.success(t('dossier.attached', { name: file.name }));
              onDone();
            })
            .catch((error: unknown) => {
              void message.error(problemText(error, i18n.language === 'en'));
            })
            .finally(() => setBusy(false));
        }}
      />
      <Button size="small" loading={busy} onClick={() => input.current?.click()}>
        {t('dossier.attach')}
      </Button>
    </>
  );
}

type Dialog =
  | { kind: 'tick'; item: ChecklistItem }
  | { kind: 'untick'; item: ChecklistItem }
  | { kind: 'send' }
  | { kind: 'answer'; request: DossierRequest }
  | null;

/** The checklist and requests cards of the dossier screen. */
export function DossierPaperwork({ candidateId }: { candidateId: number }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const client = useQueryClient();
  const key = ['dossier-paperwork', candidateId];
  const paperwork = useQuery({
    queryKey: key,
    queryFn: () => apiGet<Paperwork>(`/candidates/${candidateId}/dossier`),
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['candidate', String(candidateId)] });
  };
  const writes = can('write');
  const data = paperwork.data;
  const label = (kind: string) => t(`dossier.kinds.${kind}`, { defaultValue: kind });
  return (
    <>
      <Col xs={24}>
        <Card size="small" title={t('dossier.checklist')} data-testid="checklist">
          {paperwork.error ? (
            <Alert type="error" showIcon title={problemText(paperwork.error, false)} />
          ) : (
            <Table<ChecklistItem>
              size="small"
              pagination={false}
              loading={paperwork.isLoading}
              rowKey="kind"
              dataSource={data?.checklist ?? []}
              columns={[
                {
                  title: t('dossier.document'),
                  width: 260,
                  render: (_: unknown, item) => label(item.kind),
                },
                {
                  title: t('dossier.status'),
                  render: (_: unknown, item) => (
                    <div data-testid={`status-${item.kind}`}>
                      {item.status === 'ticked' && (
                        <Tag color="green">
                          {t('dossier.received', { date: day(item.receivedOn) })}
                        </Tag>
                      )}
                      {item.status === 'derived' && (
                        <Tag color="blue">
                          {t('dossier.derived')}
                          {item.receivedOn ? ` · ${day(item.receivedOn)}` : ''}
                        </Tag>
                      )}
                      {item.status === 'missing' && <Tag>{t('dossier.missing')}</Tag>}
                      {item.status !== 'ticked' && item.source && (
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {item.source}
                          </Typography.Text>
                        </div>
                      )}
                      {item.note && item.status === 'ticked' && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {item.note}
                        </Typography.Text>
                      )}
                      {item.unticked && item.status !== 'ticked' && (
                        <div>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('dossier.untickedOn', {
                              date: day(item.unticked.on),
                              reason: item.unticked.reason ?? '',
                            })}
                          </Typography.Text>
                        </div>
                      )}
                    </div>
                  ),
                },
                {
                  title: t('dossier.scans'),
                  width: 220,
                  render: (_: unknown, item) => <ScanLinks files={item.files} />,
                },
                ...(writes
                  ? [
                      {
                        title: '',
                        width: 180,
                        render: (_: unknown, item: ChecklistItem) => (
                          <Space size={4} orientation="vertical">
                            {item.status === 'ticked' ? (
                              <Button
                                size="small"
                                onClick={() => setDialog({ kind: 'untick', item })}
                                data-testid={`untick-${item.kind}`}
                              >
                                {t('dossier.untick')}
                              </Button>
                            ) : (
                              <Button
                                size="small"
                                type="primary"
                                ghost
                                onClick={() => setDialog({ kind: 'tick', item })}
                                data-testid={`tick-${item.kind}`}
                              >
                                {t('dossier.tick')}
                              </Button>
                            )}
                            <AttachScan
                              candidateId={candidateId}
                              document={item.kind}
                              onDone={refresh}
                            />
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          size="small"
          title={t('dossier.requests')}
          data-testid="requests"
          extra={
            writes ? (
              <Button size="small" type="primary" onClick={() => setDialog({ kind: 'send' })}>
                {t('dossier.send')}
              </Button>
            ) : null
          }
        >
          <Table<DossierRequest>
            size="small"
            pagination={false}
            rowKey="id"
            loading={paperwork.isLoading}
            dataSource={data?.requests ?? []}
            locale={{ emptyText: t('dossier.noRequests') }}
            columns={[
              {
                title: t('dossier.requestKind'),
                width: 150,
                render: (_: unknown, r) => t(`dossier.requestKinds.${r.kind}`),
              },
              {
                title: t('dossier.sentTo'),
                render: (_: unknown, r) => (
                  <>
                    {r.sentTo}
                    {r.sentToOrganization && r.sentToOrganization.name !== r.sentTo && (
                      <div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.sentToOrganization.name}
                        </Typography.Text>
                      </div>
                    )}
                  </>
                ),
              },
              { title: t('dossier.sentOn'), width: 100, render: (_: unknown, r) => day(r.sentOn) },
              {
                title: t('dossier.dueOn'),
                width: 130,
                render: (_: unknown, r) => (
                  <span data-testid={`due-${r.id}`}>
                    {day(r.dueOn)} {r.overdue && <Tag color="red">{t('dossier.overdue')}</Tag>}
                  </span>
                ),
              },
              {
                title: t('dossier.answer'),
                width: 240,
                render: (_: unknown, r) => (
                  <>
                    {r.receivedOn ? (
                      <span data-testid={`answer-${r.id}`}>
                        {day(r.receivedOn)}{' '}
                        <Tag color={r.result === 'favourable' ? 'green' : 'orange'}>
                          {t(`dossier.results.${r.result ?? 'favourable'}`)}
                        </Tag>
                        {r.resultNote && (
                          <div>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {r.resultNote}
                            </Typography.Text>
                          </div>
                        )}
                      </span>
                    ) : (
                      <Tag data-testid={`answer-${r.id}`}>{t('dossier.awaiting')}</Tag>
                    )}
                    <ScanLinks files={r.files} />
                  </>
                ),
              },
              {
                title: '',
                width: 180,
                render: (_: unknown, r) => (
                  <Space size={4} orientation="vertical">
                    {can('readPersonalData') && (
                      <a
                        href={apiUrl(`/candidates/${candidateId}/requests/${r.id}/letter.docx`)}
                        download
                        data-testid={`letter-${r.id}`}
                      >
                        {t('dossier.letter')}
                      </a>
                    )}
                    {writes && (
                      <Button
                        size="small"
                        onClick={() => setDialog({ kind: 'answer', request: r })}
                        data-testid={`record-answer-${r.id}`}
                      >
                        {r.receivedOn ? t('dossier.editAnswer') : t('dossier.recordAnswer')}
                      </Button>
                    )}
                    {writes && (
                      <AttachScan
                        candidateId={candidateId}
                        document={REQUEST_DOCUMENT[r.kind]}
                        requestId={r.id}
                        onDone={refresh}
                      />
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Col>
      {dialog?.kind === 'tick' && (
        <TickDialog
          candidateId={candidateId}
          item={dialog.item}
          onClose={() => setDialog(null)}
          onSaved={(p) => client.setQueryData(key, p)}
          english={i18n.language === 'en'}
        />
      )}
      {dialog?.kind === 'untick' && (
        <UntickDialog
          candidateId={candidateId}
          item={dialog.item}
          onClose={() => setDialog(null)}
          onSaved={(p) => client.setQueryData(key, p)}
          english={i18n.language === 'en'}
        />
      )}
      {dialog?.kind === 'send' && (
        <SendDialog
          candidateId={candidateId}
          onClose={() => setDialog(null)}
          onSaved={(p) => {
            client.setQueryData(key, p);
            refresh();
          }}
          english={i18n.language === 'en'}
        />
      )}
      {dialog?.kind === 'answer' && (
        <AnswerDialog
          candidateId={candidateId}
          request={dialog.request}
          onClose={() => setDialog(null)}
          onSaved={(p) => {
            client.setQueryData(key, p);
            refresh();
          }}
          english={i18n.language === 'en'}
        />
      )}
    </>
  );
}

interface DialogProps {
  candidateId: number;
  onClose: () => void;
  onSaved: (paperwork: Paperwork) => void;
  english: boolean;
}

/** A modal form posting one body; the refusal is shown in it, in plain words. */
function useSave(path: string, props: DialogProps) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (body: unknown) => apiSend<Paperwork>('POST', path, body),
    onSuccess: (paperwork) => {
      props.onSaved(paperwork);
      void message.success(t('dossier.saved'));
      props.onClose();
    },
  });
}

function TickDialog(props: DialogProps & { item: ChecklistItem }) {
  const { t } = useTranslation();
  const [receivedOn, setReceivedOn] = useState<string | undefined>(todayIso());
  const [note, setNote] = useState('');
  const save = useSave(`/candidates/${props.candidateId}/documents/${props.item.kind}/tick`, props);
  return (
    <Modal
      open
      title={t('dossier.tickTitle', { document: t(`dossier.kinds.${props.item.kind}`) })}
      onCancel={props.onClose}
      onOk={() => save.mutate({ receivedOn, ...(note.trim() ? { note: note.trim() } : {}) })}
      okText={t('dossier.save')}
      cancelText={t('dossier.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !receivedOn }}
    >
      {save.error && (
        <Alert
          type="error"
          showIcon
          title={problemText(save.error, props.english)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item label={t('dossier.receivedOn')} required>
          <DateField
            id="tick-received-on"
            label={t('dossier.receivedOn')}
            value={receivedOn}
            onChange={setReceivedOn}
          />
        </Form.Item>
        <Form.Item label={t('dossier.note')}>
          <Input
            aria-label={t('dossier.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function UntickDialog(props: DialogProps & { item: ChecklistItem }) {
  const { t } = useTranslation();
  const [on, setOn] = useState<string | undefined>(todayIso());
  const [reason, setReason] = useState('');
  const save = useSave(
    `/candidates/${props.candidateId}/documents/${props.item.kind}/untick`,
    props,
  );
  return (
    <Modal
      open
      title={t('dossier.untickTitle', { document: t(`dossier.kinds.${props.item.kind}`) })}
      onCancel={props.onClose}
      onOk={() => save.mutate({ on, reason: reason.trim() })}
      okText={t('dossier.save')}
      cancelText={t('dossier.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !on || reason.trim() === '' }}
    >
      {save.error && (
        <Alert
          type="error"
          showIcon
          title={problemText(save.error, props.english)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item label={t('dossier.untickOn')} required>
          <DateField id="untick-on" label={t('dossier.untickOn')} value={on} onChange={setOn} />
        </Form.Item>
        <Form.Item label={t('dossier.reason')} required>
          <Input
            aria-label={t('dossier.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SendDialog(props: DialogProps) {
  const { t } = useTranslation();
  const today = todayIso();
  const [kind, setKind] = useState<string>('background_verification');
  const [sentTo, setSentTo] = useState('');
  const [organizationCode, setOrganizationCode] = useState<string | undefined>();
  const [sentOn, setSentOn] = useState<string | undefined>(today);
  const [dueOn, setDueOn] = useState<string | undefined>(addDays(today, DEFAULT_ANSWER_DAYS));
  const [note, setNote] = useState('');
  const save = useSave(`/candidates/${props.candidateId}/requests`, props);
  return (
    <Modal
      open
      width={620}
      title={t('dossier.sendTitle')}
      onCancel={props.onClose}
      onOk={() =>
        save.mutate({
          kind,
          sentTo: sentTo.trim(),
          ...(organizationCode ? { sentToOrganizationCode: organizationCode } : {}),
          sentOn,
          dueOn,
          ...(note.trim() ? { note: note.trim() } : {}),
        })
      }
      okText={t('dossier.save')}
      cancelText={t('dossier.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !sentOn || !dueOn || sentTo.trim() === '' }}
    >
      {save.error && (
        <Alert
          type="error"
          showIcon
          title={problemText(save.error, props.english)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item label={t('dossier.requestKind')} required>
          <Select
            aria-label={t('dossier.requestKind')}
            value={kind}
            onChange={setKind}
            options={REQUEST_KINDS.map((k) => ({
              value: k,
              label: t(`dossier.requestKinds.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item label={t('dossier.sentTo')} required extra={t('dossier.sentToHelp')}>
          <Input
            id="request-sent-to"
            aria-label={t('dossier.sentTo')}
            value={sentTo}
            onChange={(e) => setSentTo(e.target.value)}
            maxLength={300}
          />
        </Form.Item>
        <Form.Item label={t('dossier.sentToOrganization')}>
          <OrgPicker
            id="request-organization"
            asOf={today}
            value={organizationCode}
            width="100%"
            onChange={(code) => setOrganizationCode(code)}
          />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label={t('dossier.sentOn')} required>
            <DateField
              id="request-sent-on"
              label={t('dossier.sentOn')}
              value={sentOn}
              onChange={setSentOn}
            />
          </Form.Item>
          <Form.Item label={t('dossier.dueOn')} required>
            <DateField
              id="request-due-on"
              label={t('dossier.dueOn')}
              value={dueOn}
              onChange={setDueOn}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('dossier.note')}>
          <Input
            aria-label={t('dossier.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerDialog(props: DialogProps & { request: DossierRequest }) {
  const { t } = useTranslation();
  const r = props.request;
  const [receivedOn, setReceivedOn] = useState<string | undefined>(r.receivedOn ?? todayIso());
  const [result, setResult] = useState<string>(r.result ?? 'favourable');
  const [resultNote, setResultNote] = useState(r.resultNote ?? '');
  const save = useSave(`/candidates/${props.candidateId}/requests/${r.id}/answer`, props);
  return (
    <Modal
      open
      title={t('dossier.answerTitle', { to: r.sentTo })}
      onCancel={props.onClose}
      onOk={() =>
        save.mutate({
          receivedOn,
          result,
          ...(resultNote.trim() ? { resultNote: resultNote.trim() } : {}),
        })
      }
      okText={t('dossier.save')}
      cancelText={t('dossier.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: !receivedOn }}
    >
      {save.error && (
        <Alert
          type="error"
          showIcon
          title={problemText(save.error, props.english)}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form layout="vertical" component="div">
        <Form.Item label={t('dossier.answerReceivedOn')} required>
          <DateField
            id="answer-received-on"
            label={t('dossier.answerReceivedOn')}
            value={receivedOn}
            onChange={setReceivedOn}
          />
        </Form.Item>
        <Form.Item label={t('dossier.result')} required>
          <Select
            aria-label={t('dossier.result')}
            value={result}
            onChange={setResult}
            options={REQUEST_RESULTS.map((k) => ({ value: k, label: t(`dossier.results.${k}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('dossier.resultNote')}>
          <Input.TextArea
            aria-label={t('dossier.resultNote')}
            value={resultNote}
            onChange={(e) => setResultNote(e.target.value)}
            maxLength={500}
            rows={2}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
