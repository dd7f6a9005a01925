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
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend } from '../../api/client.ts';
import type { CandidateDetail } from '../../api/types.ts';
import { MemberPicker } from '../../components/MemberPicker.tsx';
import { todayIso } from '../../components/scope.ts';
import { EDUCATION_CASES, EXIT_GROUNDS, OVER60_GROUNDS } from '../../../shared/pipeline.ts';

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
  tradeUnionIntroduction?: { resolutionNo?: string; on?: Dayjs };
  formerMember?: boolean;
  readmission?: {
    formerEndedOn?: Dayjs;
    exitGround?: string;
    criminalRecordClearedOn?: Dayjs;
    provincialConsentOn?: Dayjs;
  };
  educationCase?: string;
  educationApprovalOn?: Dayjs;
  over60?: { ground?: string; healthAndPrestige?: boolean };
  over60ApprovalOn?: Dayjs;
  extensionReason?: string;
};

/** Stages reached by a vote: a failed vote can be recorded there. */
const VOTE_STAGES = new Set(['cell_voted', 'committee_reviewed', 'probation_review']);

/** Which of the special cases' fields apply to this dossier (from its facts and its checks). */
interface CaseFlags {
  /** A former member (known from the history, or ticked on the form). */
  former: boolean;
  /** Over the maximum age on the transition's date. */
  over60: boolean;
  /** The decision needs the approval for a village elder below the education minimum. */
  elder: boolean;
}

/** The blocked checks a rule refusal carries (`details.checks`), each with what to do and its basis. */
function refusalChecks(refusal: ApiError): {
  rule: string;
  message: string;
  messageEn: string;
  citation?: string;
  unblock?: string;
}[] {
  const checks = refusal.details?.checks;
  return Array.isArray(checks) ? (checks as ReturnType<typeof refusalChecks>) : [];
}

const OFF_RAMPS = new Set(['withdrawn', 'rejected', 'not_recognized']);
const DATE_FORMAT = ['DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];

/** Dotted server paths (`vote.inFavour`) of the fields each target stage shows. */
function fieldsFor(to: string, flags: CaseFlags): string[] {
  if (OFF_RAMPS.has(to)) return ['reason'];
  const former = flags.former
    ? [
        'readmission.formerEndedOn',
        'readmission.exitGround',
        'readmission.criminalRecordClearedOn',
        'readmission.provincialConsentOn',
      ]
    : [];
  const over60 = flags.over60 ? ['over60.ground', 'over60.healthAndPrestige'] : [];
  switch (to) {
    case 'trained':
      return ['certificate.number', 'certificate.issuedOn', 'certificate.issuer'];
    case 'dossier':
      return [
        'introducerMemberIds',
        'backgroundCheckedOn',
        'youthUnionIntroduction.resolutionNo',
        'youthUnionIntroduction.on',
        'tradeUnionIntroduction.resolutionNo',
        'tradeUnionIntroduction.on',
        'educationCase',
        'formerMember',
        ...former,
        ...over60,
      ];
    case 'cell_voted':
      return [
        'vote.officialMembers',
        'vote.present',
        'vote.inFavour',
        'vote.resolutionNo',
        ...former,
        ...over60,
      ];
    case 'probation_review':
      return ['vote.officialMembers', 'vote.present', 'vote.inFavour', 'vote.resolutionNo'];
    case 'committee_reviewed':
      return ['vote.members', 'vote.inFavour', 'vote.resolutionNo'];
    case 'decided':
      return [
        'decision.number',
        'decision.on',
        ...(flags.former ? ['readmission.provincialConsentOn'] : []),
        ...(flags.over60 ? ['over60ApprovalOn', ...over60] : []),
        ...(flags.elder ? ['educationApprovalOn'] : []),
        'extensionReason',
      ];
    case 'official':
      return ['decision.number', 'decision.on', 'extensionReason'];
    default:
      return [];
  }
}

const iso = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The request body from the form's values (only the fields of the target stage). */
function bodyOf(values: FormValues, version: number, flags: CaseFlags): Record<string, unknown> {
  const body: Record<string, unknown> = { to: values.to, on: iso(values.on), version };
  if (values.failed && VOTE_STAGES.has(values.to)) body.outcome = 'failed';
  const fields = new Set(fieldsFor(values.to, flags));
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
  if (
    fields.has('tradeUnionIntroduction.resolutionNo') &&
    values.tradeUnionIntroduction?.resolutionNo
  )
    body.tradeUnionIntroduction = {
      resolutionNo: values.tradeUnionIntroduction.resolutionNo,
      on: iso(values.tradeUnionIntroduction.on),
    };
  if (fields.has('educationCase') && values.educationCase)
    body.educationCase = values.educationCase;
  const readmission = Object.fromEntries(
    (
      [
        ['formerEndedOn', iso(values.readmission?.formerEndedOn)],
        ['exitGround', values.readmission?.exitGround],
        ['criminalRecordClearedOn', iso(values.readmission?.criminalRecordClearedOn)],
        ['provincialConsentOn', iso(values.readmission?.provincialConsentOn)],
      ] as const
    ).filter(([key, value]) => value !== undefined && fields.has(`readmission.${key}`)),
  );
  if (Object.keys(readmission).length > 0) body.readmission = readmission;
  if (fields.has('over60.ground') && values.over60?.ground)
    body.over60 = {
      ground: values.over60.ground,
      healthAndPrestige: values.over60.healthAndPrestige === true,
    };
  if (fields.has('over60ApprovalOn') && values.over60ApprovalOn)
    body.over60ApprovalOn = iso(values.over60ApprovalOn);
  if (fields.has('educationApprovalOn') && values.educationApprovalOn)
    body.educationApprovalOn = iso(values.educationApprovalOn);
  if (fields.has('extensionReason') && values.extensionReason)
    body.extensionReason = values.extensionReason;
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
  const on = Form.useWatch('on', form);
  const failed = (Form.useWatch('failed', form) ?? false) && VOTE_STAGES.has(to);
  const formerTicked = Form.useWatch('formerMember', form) === true;
  const flags: CaseFlags = {
    former: candidate.readmitted === true || formerTicked,
    over60: dayjs(on ?? todayIso()).diff(dayjs(candidate.person.birthDate), 'month') > 720,
    elder: candidate.checks.some(
      (c) => c.to === 'decided' && c.rule === 'rule.education' && c.status !== 'ok',
    ),
  };
  const shown = fieldsFor(to, flags);
  const mutation = useMutation({
    mutationFn: (values: FormValues) =>
      apiSend<CandidateDetail>(
        'POST',
        `/candidates/${candidate.id}/transitions`,
        bodyOf(values, candidate.version, flags),
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
  const blockedChecks = refusal ? refusalChecks(refusal) : [];
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
          title={t('pipeline.refused')}
          description={
            <>
              {blockedChecks.length > 0 ? (
                blockedChecks.map((check) => (
                  <div key={`${check.rule}-${check.message}`} style={{ marginBottom: 6 }}>
                    <div>{i18n.language === 'en' ? check.messageEn : check.message}</div>
                    {check.unblock && (
                      <div>
                        <Typography.Text strong>{t('regulations.todo')}:</Typography.Text>{' '}
                        {check.unblock}
                      </div>
                    )}
                    {check.citation && (
                      <Typography.Text type="secondary">
                        {t('regulations.why')}: {check.citation}
                      </Typography.Text>
                    )}
                  </div>
                ))
              ) : (
                <div>{refusal.message}</div>
              )}
              {unplaced
                .filter((e) => blockedChecks.every((c) => c.message !== e.message))
                .map((e) => (
                  <div key={`${e.field}-${e.message}`}>
                    {i18n.language === 'en' && e.messageEn ? e.messageEn : e.message}
                  </div>
                ))}
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                <code>{refusal.code}</code>
              </Typography.Text>
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
        {shown.includes('extensionReason') && (
          <Form.Item
            name="extensionReason"
            label={t('admissionCases.extensionReason')}
            extra={t('admissionCases.extensionHelp')}
          >
            <Input aria-label={t('admissionCases.extensionReason')} style={{ minWidth: 320 }} />
          </Form.Item>
        )}
      </Space>
      <CaseFields shown={shown} candidate={candidate} />
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

const DATE_FORMATS = DATE_FORMAT;

/** The fields of the less common cases: trade union, education, re-admission, over 60. */
function CaseFields({ shown, candidate }: { shown: string[]; candidate: CandidateDetail }) {
  const { t } = useTranslation();
  const has = (field: string) => shown.includes(field);
  const dateItem = (name: string[], label: string) => (
    <Form.Item name={name} label={label}>
      <DatePicker format={DATE_FORMATS} aria-label={label} />
    </Form.Item>
  );
  const anyCase =
    has('tradeUnionIntroduction.resolutionNo') ||
    has('educationCase') ||
    has('formerMember') ||
    has('readmission.exitGround') ||
    has('readmission.provincialConsentOn') ||
    has('over60.ground') ||
    has('educationApprovalOn');
  if (!anyCase) return null;
  return (
    <fieldset
      style={{
        border: '1px solid #f0f0f0',
        borderRadius: 6,
        padding: '8px 12px',
        marginBottom: 16,
      }}
      data-testid="case-fields"
    >
      <legend style={{ fontSize: 14, width: 'auto', margin: 0, padding: '0 4px' }}>
        {t('admissionCases.title')}
      </legend>
      <Space wrap align="start" size="middle">
        {has('tradeUnionIntroduction.resolutionNo') && (
          <>
            <Form.Item
              name={['tradeUnionIntroduction', 'resolutionNo']}
              label={t('admissionCases.tradeUnionNo')}
              extra={t('admissionCases.tradeUnionHelp')}
            >
              <Input aria-label={t('admissionCases.tradeUnionNo')} />
            </Form.Item>
            {dateItem(['tradeUnionIntroduction', 'on'], t('admissionCases.tradeUnionOn'))}
          </>
        )}
        {has('educationCase') && (
          <Form.Item name="educationCase" label={t('admissionCases.educationCase')}>
            <Select
              allowClear
              aria-label={t('admissionCases.educationCase')}
              style={{ minWidth: 280 }}
              placeholder={t('admissionCases.educationCaseNone')}
              options={EDUCATION_CASES.map((value) => ({
                value,
                label: t(`admissionCases.educationCases.${value}`),
              }))}
            />
          </Form.Item>
        )}
        {has('educationApprovalOn') &&
          dateItem(['educationApprovalOn'], t('admissionCases.educationApprovalOn'))}
        {has('over60ApprovalOn') &&
          dateItem(['over60ApprovalOn'], t('admissionCases.over60ApprovalOn'))}
        {has('over60.ground') && (
          <>
            <Form.Item name={['over60', 'ground']} label={t('admissionCases.over60Ground')}>
              <Select
                allowClear
                aria-label={t('admissionCases.over60Ground')}
                style={{ minWidth: 300 }}
                options={OVER60_GROUNDS.map((value) => ({
                  value,
                  label: t(`admissionCases.over60Grounds.${value}`),
                }))}
              />
            </Form.Item>
            <Form.Item name={['over60', 'healthAndPrestige']} valuePropName="checked" label=" ">
              <Checkbox>{t('admissionCases.healthAndPrestige')}</Checkbox>
            </Form.Item>
          </>
        )}
        {has('formerMember') && !candidate.readmitted && (
          <Form.Item name="formerMember" valuePropName="checked" label=" ">
            <Checkbox>{t('admissionCases.formerMember')}</Checkbox>
          </Form.Item>
        )}
        {has('readmission.formerEndedOn') &&
          !candidate.readmitted &&
          dateItem(['readmission', 'formerEndedOn'], t('admissionCases.formerEndedOn'))}
        {has('readmission.exitGround') && (
          <Form.Item
            name={['readmission', 'exitGround']}
            label={t('admissionCases.exitGround')}
            initialValue={candidate.readmission?.exitGround}
          >
            <Select
              aria-label={t('admissionCases.exitGround')}
              style={{ minWidth: 320 }}
              options={EXIT_GROUNDS.map((value) => ({
                value,
                label: t(`admissionCases.exitGrounds.${value}`),
              }))}
            />
          </Form.Item>
        )}
        {has('readmission.criminalRecordClearedOn') &&
          dateItem(
            ['readmission', 'criminalRecordClearedOn'],
            t('admissionCases.criminalRecordClearedOn'),
          )}
        {has('readmission.provincialConsentOn') &&
          dateItem(['readmission', 'provincialConsentOn'], t('admissionCases.provincialConsentOn'))}
      </Space>
    </fieldset>
  );
}
