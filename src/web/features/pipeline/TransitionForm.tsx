/**
 * The form to record a candidate's next step. Fields follow the target stage (SPEC §9); the
 * server judges the rules, and its refusal (problem+json `code`, `title`, `errors[].field`) is
 * shown next to the field it names, or above the form when it names none.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend } from '../../api/client.ts';
import type { CandidateDetail } from '../../api/types.ts';
import { MemberPicker } from '../../components/MemberPicker.tsx';
import { todayIso } from '../../components/scope.ts';

type FormValues = {
  to: string;
  on: Dayjs;
  reason?: string;
  certificate?: { number?: string; issuedOn?: Dayjs; issuer?: string };
  introducerMemberIds?: number[];
  backgroundCheckedOn?: Dayjs;
  youthUnionIntroduction?: { resolutionNo?: string; on?: Dayjs };
  vote?: {
    officialMembers?: number;
    members?: number;
    present?: number;
    inFavour?: number;
    resolutionNo?: string;
  };
  decision?: { number?: string; on?: Dayjs };
  /** A vote below the threshold, recorded without moving the stage. */
  failed?: boolean;
};

/** Stages reached by a vote: a failed vote can be recorded there. */
const VOTE_STAGES = new Set(['cell_voted', 'committee_reviewed', 'probation_review']);

const OFF_RAMPS = new Set(['withdrawn', 'rejected', 'not_recognized']);
const DATE_FORMAT = ['DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];

/** Dotted server paths (`vote.inFavour`) of the fields each target stage shows. */
function fieldsFor(to: string): string[] {
  if (OFF_RAMPS.has(to)) return ['reason'];
  switch (to) {
    case 'trained':
      return ['certificate.number', 'certificate.issuedOn', 'certificate.issuer'];
    case 'dossier':
      return [
        'introducerMemberIds',
        'backgroundCheckedOn',
        'youthUnionIntroduction.resolutionNo',
        'youthUnionIntroduction.on',
      ];
    case 'cell_voted':
    case 'probation_review':
      return ['vote.officialMembers', 'vote.present', 'vote.inFavour', 'vote.resolutionNo'];
    case 'committee_reviewed':
      return ['vote.members', 'vote.inFavour', 'vote.resolutionNo'];
    case 'decided':
    case 'official':
      return ['decision.number', 'decision.on'];
    default:
      return [];
  }
}

const iso = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The request body from the form's values (only the fields of the target stage). */
function bodyOf(values: FormValues, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { to: values.to, on: iso(values.on), version };
  if (values.failed && VOTE_STAGES.has(values.to)) body.outcome = 'failed';
  const fields = new Set(fieldsFor(values.to));
  if (fields.has('reason') && values.reason) body.reason = values.reason;
  if (fields.has('certificate.number'))
    body.certificate = {
      number: values.certificate?.number ?? '',
      issuedOn: iso(values.certificate?.issuedOn),
      issuer: values.certificate?.issuer ?? '',
    };
  if (fields.has('introducerMemberIds')) {
    body.introducerMemberIds = values.introducerMemberIds ?? [];
    if (values.backgroundCheckedOn) body.backgroundCheckedOn = iso(values.backgroundCheckedOn);
    if (values.youthUnionIntroduction?.resolutionNo)
      body.youthUnionIntroduction = {
        resolutionNo: values.youthUnionIntroduction.resolutionNo,
        on: iso(values.youthUnionIntroduction.on),
      };
  }
  if (fields.has('vote.inFavour'))
    body.vote = Object.fromEntries(
      Object.entries(values.vote ?? {}).filter(([, v]) => v !== undefined && v !== ''),
    );
  if (fields.has('decision.number'))
    body.decision = { number: values.decision?.number ?? '', on: iso(values.decision?.on) };
  return body;
}

/** The form field a server error path belongs to: the longest shown field it starts with. */
function fieldOf(path: string, shown: string[]): string | undefined {
  const all = ['to', 'on', ...shown];
  return all
    .filter((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`))
    .sort((a, b) => b.length - a.length)[0];
}

/** Records one transition of a dossier. */
export function TransitionForm({ candidate }: { candidate: CandidateDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const to = Form.useWatch('to', form) ?? candidate.allowedTransitions[0] ?? '';
  const shown = fieldsFor(to);
  const on = Form.useWatch('on', form);
  const failed = (Form.useWatch('failed', form) ?? false) && VOTE_STAGES.has(to);
  const mutation = useMutation({
    mutationFn: (values: FormValues) =>
      apiSend<CandidateDetail>(
        'POST',
        `/candidates/${candidate.id}/transitions`,
        bodyOf(values, candidate.version),
      ),
    onSuccess: (detail) => {
      setRefusal(null);
      client.setQueryData(['candidate', String(candidate.id)], detail);
      void client.invalidateQueries({ queryKey: ['candidates'] });
      void message.success(t('pipeline.saved'));
      form.resetFields();
    },
    onError: (error) => {
      const problem =
        error instanceof ApiError ? error : new ApiError(0, 'internal', String(error), []);
      setRefusal(problem);
      const byField = new Map<string, string[]>();
      for (const e of problem.errors) {
        const field = fieldOf(e.field, shown);
        if (!field) continue;
        const text = i18n.language === 'en' && e.messageEn ? e.messageEn : e.message;
        byField.set(field, [...(byField.get(field) ?? []), text]);
      }
      form.setFields(
        [...byField].map(([field, errors]) => ({ name: field.split('.') as never, errors })),
      );
    },
  });
  if (candidate.allowedTransitions.length === 0)
    return <Alert type="info" showIcon title={t('pipeline.noNext')} />;
  const unplaced = refusal?.errors.filter((e) => !fieldOf(e.field, shown)) ?? [];
  const defaultOn = dayjs(todayIso() > candidate.stageOn ? todayIso() : candidate.stageOn);
  const date = (name: (string | number)[], label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: label }]}>
      <DatePicker format={DATE_FORMAT} aria-label={label} />
    </Form.Item>
  );
  const number = (name: string[], label: string, required = true) => (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, message: label }] : []}
    >
      <InputNumber min={0} aria-label={label} />
    </Form.Item>
  );
  const text = (name: string[], label: string, required = true) => (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, message: label }] : []}
    >
      <Input aria-label={label} />
    </Form.Item>
  );
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ to: candidate.allowedTransitions[0], on: defaultOn }}
      onFinish={(values) => mutation.mutate(values)}
      onValuesChange={() => setRefusal(null)}
      aria-label={t('pipeline.record')}
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="refusal"
          style={{ marginBottom: 16 }}
          title={`${t('pipeline.refused')}: ${refusal.message}`}
          description={
            <>
              <code>{refusal.code}</code>
              {unplaced.map((e) => (
                <div key={`${e.field}-${e.message}`}>
                  {e.field}: {i18n.language === 'en' && e.messageEn ? e.messageEn : e.message}
                </div>
              ))}
            </>
          }
        />
      )}
      <Space wrap align="start" size="middle">
        <Form.Item name="to" label={t('pipeline.to')} rules={[{ required: true }]}>
          <Select
            aria-label={t('pipeline.to')}
            style={{ minWidth: 240 }}
            options={candidate.allowedTransitions.map((s) => ({
              value: s,
              label: t(`stages.${s}`, { defaultValue: s }),
            }))}
          />
        </Form.Item>
        {date(['on'], to === 'admitted' ? t('pipeline.ceremonyOn') : t('pipeline.on'))}
      </Space>
      <Space wrap align="start" size="middle">
        {shown.includes('reason') && text(['reason'], t('pipeline.reason'))}
        {shown.includes('certificate.number') && (
          <>
            {text(['certificate', 'number'], t('pipeline.certificateNumber'))}
            {date(['certificate', 'issuedOn'], t('pipeline.certificateIssuedOn'))}
            {text(['certificate', 'issuer'], t('pipeline.certificateIssuer'))}
          </>
        )}
        {shown.includes('introducerMemberIds') && (
          <>
            <Form.Item
              name="introducerMemberIds"
              label={t('pickers.introducers')}
              htmlFor="transition-introducers"
            >
              <MemberPicker
                id="transition-introducers"
                ariaLabel={t('pickers.introducers')}
                org={candidate.organization?.code}
                asOf={iso(on) ?? todayIso()}
                status="official"
                placeholder={t('pickers.introducersSearch')}
              />
            </Form.Item>
            <Form.Item name="backgroundCheckedOn" label={t('pipeline.backgroundCheckedOn')}>
              <DatePicker format={DATE_FORMAT} aria-label={t('pipeline.backgroundCheckedOn')} />
            </Form.Item>
            {text(['youthUnionIntroduction', 'resolutionNo'], t('pipeline.youthUnionNo'), false)}
            <Form.Item name={['youthUnionIntroduction', 'on']} label={t('pipeline.youthUnionOn')}>
              <DatePicker format={DATE_FORMAT} aria-label={t('pipeline.youthUnionOn')} />
            </Form.Item>
          </>
        )}
        {shown.includes('vote.officialMembers') &&
          number(['vote', 'officialMembers'], t('pipeline.officialMembers'))}
        {shown.includes('vote.members') &&
          number(['vote', 'members'], t('pipeline.committeeMembers'))}
        {shown.includes('vote.present') && number(['vote', 'present'], t('pipeline.present'))}
        {shown.includes('vote.inFavour') && (
          <>
            {number(['vote', 'inFavour'], t('pipeline.inFavour'))}
            {text(['vote', 'resolutionNo'], t('pipeline.resolutionNo'), false)}
          </>
        )}
        {shown.includes('decision.number') && (
          <>
            {text(['decision', 'number'], t('pipeline.decisionNumber'))}
            {date(['decision', 'on'], t('pipeline.decisionOn'))}
          </>
        )}
      </Space>
      {VOTE_STAGES.has(to) && (
        <Form.Item name="failed" valuePropName="checked" style={{ marginBottom: 12 }}>
          <Checkbox data-testid="vote-failed">{t('daily.voteFailed')}</Checkbox>
        </Form.Item>
      )}
      <Button type="primary" danger={failed} htmlType="submit" loading={mutation.isPending}>
        {failed ? t('daily.recordFailedVote') : t('pipeline.submit')}
      </Button>
    </Form>
  );
}
