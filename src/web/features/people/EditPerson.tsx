/**
 * "Sửa" on the person screen, in two modes that mean different things:
 * - "Đính chính (sửa sai)": the value was recorded wrong (a typo, a wrong birth date); it is
 *   rewritten, and the reason is mandatory (audited with before and after);
 * - "Thay đổi từ ngày": something happened on a date (moved to another village, obtained a
 *   diploma, joined or left the youth union); the old value stays before that date.
 * Both send PATCH /people/{id} with the version read, so a concurrent edit answers 409.
 */
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Segmented,
  Select,
  Typography,
  message,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend } from '../../api/client.ts';
import type { PersonDetail } from '../../api/types.ts';
import type { UpdatePersonInput } from '../../../shared/contracts.ts';
import { EDUCATION_LEVELS, TARGET_GROUPS } from '../../../shared/enums.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';

type Mode = 'correction' | 'change';

interface Values {
  fullName?: string;
  birthDate?: Dayjs | null;
  gender?: 'male' | 'female';
  ethnicity?: string;
  unitCode?: string;
  educationLevel?: string;
  politicalTheory?: string;
  occupation?: string;
  on?: Dayjs | null;
  joinTargetGroups?: string[];
  leaveTargetGroups?: string[];
  reason?: string;
  /** Correction: the from-date of each target group's latest period, by group. */
  groupDates?: Record<string, Dayjs | null>;
}

const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];

/** Text as the server compares it: trimmed, empty as none. */
function textOrNull(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

/** The request body of a mode from the form, naming only what differs from the person. */
function bodyOf(mode: Mode, values: Values, person: PersonDetail): UpdatePersonInput {
  if (mode === 'correction') {
    const correction: NonNullable<UpdatePersonInput['correction']> = {
      reason: values.reason ?? '',
    };
    if (values.fullName !== undefined && values.fullName.trim() !== person.fullName)
      correction.fullName = values.fullName;
    const birthDate = values.birthDate?.format('YYYY-MM-DD');
    if (birthDate && birthDate !== person.birthDate) correction.birthDate = birthDate;
    if (values.gender && values.gender !== person.gender) correction.gender = values.gender;
    if (values.ethnicity !== undefined && values.ethnicity.trim() !== person.ethnicity)
      correction.ethnicity = values.ethnicity;
    if (values.unitCode && values.unitCode !== person.unitCode)
      correction.unitCode = values.unitCode;
    if (values.educationLevel && values.educationLevel !== person.educationLevel)
      correction.educationLevel = values.educationLevel as (typeof EDUCATION_LEVELS)[number];
    if (textOrNull(values.politicalTheory) !== person.politicalTheory)
      correction.politicalTheory = textOrNull(values.politicalTheory);
    if (textOrNull(values.occupation) !== person.occupation)
      correction.occupation = textOrNull(values.occupation);
    const dates = Object.entries(values.groupDates ?? {})
      .map(([group, date]) => ({ group, from: date?.format('YYYY-MM-DD') }))
      .filter(
        (d): d is { group: (typeof TARGET_GROUPS)[number]; from: string } =>
          !!d.from && d.from !== latestGroupStart(person, d.group),
      );
    if (dates.length > 0) correction.targetGroupDates = dates;
    return { version: person.version, correction };
  }
  const change: NonNullable<UpdatePersonInput['change']> = {
    on: values.on?.format('YYYY-MM-DD') ?? '',
    joinTargetGroups: (values.joinTargetGroups ?? []) as (typeof TARGET_GROUPS)[number][],
    leaveTargetGroups: (values.leaveTargetGroups ?? []) as (typeof TARGET_GROUPS)[number][],
    reason: textOrNull(values.reason),
  };
  if (values.unitCode && values.unitCode !== person.unitCode) change.unitCode = values.unitCode;
  if (values.educationLevel && values.educationLevel !== person.educationLevel)
    change.educationLevel = values.educationLevel as (typeof EDUCATION_LEVELS)[number];
  if (
    values.politicalTheory !== undefined &&
    textOrNull(values.politicalTheory) !== person.politicalTheory
  )
    change.politicalTheory = textOrNull(values.politicalTheory);
  if (values.occupation !== undefined && textOrNull(values.occupation) !== person.occupation)
    change.occupation = textOrNull(values.occupation);
  return { version: person.version, change };
}

/** The start of a target group's latest period. */
function latestGroupStart(person: PersonDetail, group: string): string | undefined {
  return person.targetGroupPeriods.filter((g) => g.group === group).at(-1)?.validFrom;
}

/** The form field a server error names (`change.joinTargetGroups.0` → joinTargetGroups). */
function formField(field: string): string | null {
  const [, name] = field.split('.');
  return name ?? null;
}

/** The "Sửa" button and its dialog. */
export function EditPerson({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>('correction');
  const [problem, setProblem] = useState<ApiError | null>(null);
  /** Messages of the problem that no field of the form shows. */
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [form] = Form.useForm<Values>();
  const today = dayjs();

  const mutation = useMutation({
    mutationFn: (values: Values) =>
      apiSend<PersonDetail>('PATCH', `/people/${person.id}`, bodyOf(mode, values, person)),
    onSuccess: (answer) => {
      client.setQueryData(['person', String(person.id)], answer);
      void client.invalidateQueries({ queryKey: ['person', String(person.id)] });
      void message.success(t(`personHistory.saved.${mode}`));
      setOpen(false);
      setProblem(null);
    },
    onError: (error) => {
      const apiError =
        error instanceof ApiError ? error : new ApiError(0, 'internal', String(error), []);
      setProblem(apiError);
      const known = new Set(Object.keys(form.getFieldsValue(true) as object));
      const shown = apiError.errors.filter((e) => {
        const name = formField(e.field);
        return !!name && known.has(name) && name !== 'groupDates';
      });
      setUnplaced(apiError.errors.filter((e) => !shown.includes(e)).map((e) => e.message));
      form.setFields(
        shown.map((e) => ({ name: formField(e.field) as keyof Values, errors: [e.message] })),
      );
    },
  });

  const start = (next: Mode) => {
    setMode(next);
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(
      next === 'correction'
        ? {
            fullName: person.fullName,
            birthDate: dayjs(person.birthDate),
            gender: person.gender,
            ethnicity: person.ethnicity,
            unitCode: person.unitCode ?? undefined,
            educationLevel: person.educationLevel,
            politicalTheory: person.politicalTheory ?? '',
            occupation: person.occupation ?? '',
            groupDates: Object.fromEntries(
              person.targetGroups.map((g) => [g, dayjs(latestGroupStart(person, g))]),
            ),
            reason: '',
          }
        : { on: null, joinTargetGroups: [], leaveTargetGroups: [] },
    );
  };

  const education = EDUCATION_LEVELS.map((level) => ({
    value: level,
    label: t(`enums.education.${level}`, { defaultValue: level }),
  }));
  const groupOption = (g: string) => ({ value: g, label: t(`enums.targetGroup.${g}`) });
  const currentUnit = person.unitCode
    ? { code: person.unitCode, name: person.unitName ?? person.unitCode }
    : null;
  const noFuture = (d: Dayjs) => d.isAfter(today, 'day');

  return (
    <>
      <Button
        type="primary"
        data-testid="person-edit"
        onClick={() => {
          start('correction');
          setOpen(true);
        }}
      >
        {t('personHistory.edit')}
      </Button>
      <Modal
        open={open}
        title={t('personHistory.title', { name: person.fullName })}
        okText={t('personHistory.save')}
        cancelText={t('personHistory.cancel')}
        confirmLoading={mutation.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        width={680}
        forceRender
      >
        <Segmented<Mode>
          block
          value={mode}
          onChange={start}
          style={{ marginBottom: 12 }}
          options={[
            { value: 'correction', label: t('personHistory.modeCorrection') },
            { value: 'change', label: t('personHistory.modeChange') },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {mode === 'correction'
            ? t('personHistory.correctionHint')
            : t('personHistory.changeHint')}
        </Typography.Paragraph>
        {problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={problem.status === 409 ? t('personHistory.conflict') : problem.message}
            description={
              problem.status === 409 ? (
                <Button
                  size="small"
                  onClick={() => {
                    void client.invalidateQueries({ queryKey: ['person', String(person.id)] });
                    setOpen(false);
                  }}
                >
                  {t('personHistory.reload')}
                </Button>
              ) : (
                unplaced.join('; ') || undefined
              )
            }
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          onValuesChange={() => setProblem(null)}
          onFinish={(values) => mutation.mutate(values)}
        >
          {mode === 'change' && (
            <Form.Item
              name="on"
              label={t('personHistory.on')}
              rules={[{ required: true, message: t('personHistory.onRequired') }]}
            >
              <DatePicker
                id="person-change-on"
                aria-label={t('personHistory.on')}
                format={DATE_FORMATS}
                disabledDate={noFuture}
                placeholder="dd/mm/yyyy"
              />
            </Form.Item>
          )}
          {mode === 'correction' && (
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="fullName" label={t('people.fullName')}>
                  <Input aria-label={t('people.fullName')} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="birthDate" label={t('people.birthDate')}>
                  <DatePicker
                    id="person-birth-date"
                    aria-label={t('people.birthDate')}
                    format={DATE_FORMATS}
                    disabledDate={noFuture}
                    allowClear={false}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name="gender" label={t('people.gender')}>
                  <Select
                    aria-label={t('people.gender')}
                    options={[
                      { value: 'male', label: t('people.male') },
                      { value: 'female', label: t('people.female') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name="ethnicity" label={t('people.ethnicity')}>
                  <Input aria-label={t('people.ethnicity')} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item
            name="unitCode"
            label={mode === 'change' ? t('personHistory.newUnit') : t('people.unit')}
          >
            <UnitPicker
              id="person-unit"
              current={currentUnit}
              ariaLabel={t('personHistory.unit')}
              width="100%"
            />
          </Form.Item>
          <Row gutter={12}>
            <Col span={8}>
              <Form.Item name="educationLevel" label={t('people.education')}>
                <Select
                  aria-label={t('people.education')}
                  allowClear={mode === 'change'}
                  placeholder={t('personHistory.unchanged')}
                  options={education}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="politicalTheory" label={t('people.politicalTheory')}>
                <Input
                  aria-label={t('people.politicalTheory')}
                  placeholder={mode === 'change' ? t('personHistory.unchanged') : ''}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="occupation" label={t('people.occupation')}>
                <Input
                  aria-label={t('people.occupation')}
                  placeholder={mode === 'change' ? t('personHistory.unchanged') : ''}
                />
              </Form.Item>
            </Col>
          </Row>
          {mode === 'correction' && person.targetGroups.length > 0 && (
            <Row gutter={12}>
              {person.targetGroups.map((g) => (
                <Col span={8} key={g}>
                  <Form.Item
                    name={['groupDates', g]}
                    label={t('personHistory.groupSince', {
                      group: t(`enums.targetGroup.${g}`, { defaultValue: g }),
                    })}
                  >
                    <DatePicker
                      aria-label={t('personHistory.groupSince', {
                        group: t(`enums.targetGroup.${g}`, { defaultValue: g }),
                      })}
                      format={DATE_FORMATS}
                      disabledDate={noFuture}
                      allowClear={false}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>
          )}
          {mode === 'change' && (
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="joinTargetGroups" label={t('personHistory.join')}>
                  <Select
                    mode="multiple"
                    aria-label={t('personHistory.join')}
                    placeholder={t('personHistory.none')}
                    options={TARGET_GROUPS.filter((g) => !person.targetGroups.includes(g)).map(
                      groupOption,
                    )}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="leaveTargetGroups" label={t('personHistory.leave')}>
                  <Select
                    mode="multiple"
                    aria-label={t('personHistory.leave')}
                    placeholder={t('personHistory.none')}
                    options={person.targetGroups.map(groupOption)}
                  />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item
            name="reason"
            label={
              mode === 'correction' ? t('personHistory.reasonRequired') : t('personHistory.reason')
            }
            rules={
              mode === 'correction'
                ? [{ required: true, whitespace: true, message: t('personHistory.reasonMissing') }]
                : []
            }
          >
            <Input.TextArea aria-label={t('personHistory.reason')} rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
