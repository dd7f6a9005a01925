/**
 * Registering a candidate (POST /candidates) from the pipeline board: pick a person already on
 * record or enter a new one (POST /people first), the cell, the date they were identified and
 * the members assigned to help. The server's refusals are shown next to the field they name.
 */
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  TreeSelect,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { EDUCATION_LEVELS, GENDERS, TARGET_GROUPS } from '../../../shared/enums.ts';
import type { CreatePersonInput } from '../../../shared/contracts.ts';
import type { CreateCandidateInput } from '../../../shared/pipeline.ts';
import type { PossibleDuplicate } from '../../../shared/duplicate-check.ts';
import { ApiError, apiSend } from '../../api/client.ts';
import type { CandidateDetail, Person } from '../../api/types.ts';
import { todayIso, useOrganizations } from '../../components/scope.ts';
import { buildTree, matchesFilter, type TreeItem } from '../../components/tree.ts';
import { MemberPicker } from '../../components/MemberPicker.tsx';
import { PersonPicker } from '../../components/PersonPicker.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { DateField } from '../../components/DateField.tsx';
import { DuplicateWarning, checkDuplicates } from '../../components/DuplicateWarning.tsx';

const DATE_FORMAT = ['DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];

interface Values {
  mode: 'existing' | 'new';
  personId?: number;
  person?: {
    fullName?: string;
    gender?: 'male' | 'female';
    birthDate?: Dayjs;
    ethnicity?: string;
    nationalId?: string;
    unitCode?: string;
    educationLevel?: string;
    targetGroups?: string[];
    /** The from-date (ISO) of each chosen group; empty means from the registration day. */
    groupFrom?: Record<string, string | undefined>;
    /** Living or working in the unit since (ISO); empty means since birth. */
    unitFrom?: string;
  };
  organizationCode?: string;
  identifiedOn?: Dayjs;
  helperMemberIds?: number[];
}

/** The person about to be created may already be on record: the form asks before creating. */
class PossibleDuplicates extends Error {
  constructor(readonly items: PossibleDuplicate[]) {
    super('possible duplicates');
  }
}

/** A failed request of the two the dialog may send, remembering which one it was. */
class StepFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly personRequest: boolean,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Which form field a server error path belongs to, for the request that failed: a group's
 * from-date (`targetGroups.0.from`) is the date field of the group sent at that position.
 */
function fieldName(
  path: string,
  personRequest: boolean,
  groups: readonly string[] = [],
): (string | number)[] | undefined {
  const head = path.split(/[.[]/)[0] ?? '';
  if (personRequest) {
    const dated = /^targetGroups\.(\d+)\.from$/.exec(path);
    const group = dated ? groups[Number(dated[1])] : undefined;
    if (group) return ['person', 'groupFrom', group];
    return [
      'fullName',
      'gender',
      'birthDate',
      'ethnicity',
      'nationalId',
      'unitCode',
      'educationLevel',
      'targetGroups',
      'unitFrom',
    ].includes(head)
      ? ['person', head]
      : undefined;
  }
  return ['personId', 'organizationCode', 'identifiedOn', 'helperMemberIds'].includes(head)
    ? [head]
    : undefined;
}

/** The "register a candidate" button and its dialog. */
export function RegisterCandidate({ org }: { org: string | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ApiError | null>(null);
  // Possible duplicates of the new person, and whether the user said it is someone new.
  const [duplicates, setDuplicates] = useState<PossibleDuplicate[] | null>(null);
  // A ref, not state: the answer must hold for the submit that follows it at once.
  const confirmedNew = useRef(false);
  const [personLabel, setPersonLabel] = useState<string | undefined>(undefined);
  const mode = Form.useWatch('mode', form) ?? 'existing';
  const chosenGroups = (Form.useWatch(['person', 'targetGroups'], form) ?? []) as string[];
  const organizationCode = Form.useWatch('organizationCode', form);
  const identifiedOn = Form.useWatch('identifiedOn', form);
  const asOf = identifiedOn ? identifiedOn.format('YYYY-MM-DD') : todayIso();
  const organizations = useOrganizations(asOf);
  const tree = buildTree(organizations.data?.items ?? []);

  const showProblem = (error: unknown, personRequest: boolean) => {
    const apiError =
      error instanceof ApiError ? error : new ApiError(0, 'internal', String(error), []);
    setProblem(apiError);
    const groups = (form.getFieldValue(['person', 'targetGroups']) as string[] | undefined) ?? [];
    const fields = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const e of apiError.errors) {
      const name = fieldName(e.field, personRequest, groups);
      if (!name) continue;
      const key = name.join('.');
      const entry = fields.get(key) ?? { name, errors: [] };
      entry.errors.push(e.message);
      fields.set(key, entry);
    }
    form.setFields([...fields.values()].map((f) => ({ name: f.name as never, errors: f.errors })));
  };

  const mutation = useMutation({
    mutationFn: async (values: Values) => {
      let personId = values.personId;
      if (values.mode === 'new') {
        const p = values.person ?? {};
        const body: CreatePersonInput = {
          fullName: p.fullName ?? '',
          gender: p.gender ?? 'male',
          birthDate: p.birthDate?.format('YYYY-MM-DD') ?? '',
          ethnicity: p.ethnicity ?? '',
          nationalId: p.nationalId ? p.nationalId : null,
          unitCode: p.unitCode ?? '',
          educationLevel: (p.educationLevel ??
            'lower_secondary') as CreatePersonInput['educationLevel'],
          // A group without a date is sent bare: from the registration day.
          targetGroups: (p.targetGroups ?? []).map((group) => {
            const from = p.groupFrom?.[group];
            return from ? { group, from } : group;
          }) as CreatePersonInput['targetGroups'],
          ...(p.unitFrom ? { unitFrom: p.unitFrom } : {}),
        };
        if (!confirmedNew.current) {
          const found = await checkDuplicates(body).catch((error: unknown) => {
            throw new StepFailure(error, true);
          });
          if (found.length > 0) throw new PossibleDuplicates(found);
        }
        try {
          const created = await apiSend<Person>('POST', '/people', body);
          personId = created.id;
        } catch (error) {
          throw new StepFailure(error, true);
        }
        // The person now exists: a retry after a refused candidacy must not create them twice.
        form.setFieldsValue({ mode: 'existing', personId });
      }
      const body: CreateCandidateInput = {
        personId: personId ?? 0,
        organizationCode: values.organizationCode ?? '',
        identifiedOn: values.identifiedOn?.format('YYYY-MM-DD') ?? todayIso(),
        helperMemberIds: values.helperMemberIds ?? [],
      };
      try {
        return await apiSend<CandidateDetail>('POST', '/candidates', body);
      } catch (error) {
        throw new StepFailure(error, false);
      }
    },
    onSuccess: (detail) => {
      void client.invalidateQueries({ queryKey: ['candidates'] });
      void message.success(t('register.saved', { name: detail.person.fullName }));
      setOpen(false);
      form.resetFields();
      setProblem(null);
      setDuplicates(null);
      confirmedNew.current = false;
      void navigate(`/candidates/${detail.id}`);
    },
    onError: (failure) => {
      if (failure instanceof PossibleDuplicates) setDuplicates(failure.items);
      else if (failure instanceof StepFailure) showProblem(failure.error, failure.personRequest);
      else showProblem(failure, false);
    },
  });

  const required = (label: string) => [
    { required: true, message: t('register.required', { label }) },
  ];
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="register-open">
        + {t('register.open')}
      </Button>
      <Modal
        open={open}
        title={t('register.title')}
        okText={t('register.submit')}
        cancelText={t('register.cancel')}
        confirmLoading={mutation.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        width={720}
        destroyOnHidden
      >
        {problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 16 }}
            title={problem.message}
            description={
              problem.errors
                .filter((e) => !fieldName(e.field, true) && !fieldName(e.field, false))
                .map((e) => e.message)
                .join('; ') || undefined
            }
          />
        )}
        {duplicates && (
          <DuplicateWarning
            items={duplicates}
            onChoose={(d, label) => {
              setDuplicates(null);
              setPersonLabel(label);
              // The rest of the form was validated by the submit that raised the warning.
              const values: Values = {
                ...(form.getFieldsValue(true) as Values),
                mode: 'existing',
                personId: d.id,
              };
              form.setFieldsValue({ mode: 'existing', personId: d.id });
              mutation.mutate(values);
            }}
            onCreateNew={() => {
              setDuplicates(null);
              confirmedNew.current = true;
              form.submit();
            }}
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            mode: 'existing',
            organizationCode: org,
            identifiedOn: dayjs(todayIso()),
            helperMemberIds: [],
            person: { gender: 'male', educationLevel: 'lower_secondary', targetGroups: [] },
          }}
          onValuesChange={(changed: Partial<Values>) => {
            setProblem(null);
            // Another name, birth date or ID is another question: ask again.
            if (changed.person || changed.mode) {
              setDuplicates(null);
              confirmedNew.current = false;
            }
          }}
          onFinish={(values) => mutation.mutate(values)}
        >
          <Form.Item name="mode" label={t('register.person')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'existing', label: t('register.existing') },
                { value: 'new', label: t('register.new') },
              ]}
            />
          </Form.Item>
          {mode === 'existing' ? (
            <Form.Item
              name="personId"
              label={t('register.pickPerson')}
              rules={required(t('register.pickPerson'))}
              htmlFor="register-person"
            >
              <PersonPicker
                org={org}
                id="register-person"
                ariaLabel={t('register.person')}
                selectedLabel={personLabel}
              />
            </Form.Item>
          ) : (
            <Space wrap align="start" size="middle">
              <Form.Item
                name={['person', 'fullName']}
                label={t('people.fullName')}
                rules={required(t('people.fullName'))}
              >
                <Input aria-label={t('people.fullName')} style={{ width: 240 }} />
              </Form.Item>
              <Form.Item name={['person', 'gender']} label={t('people.gender')}>
                <Select
                  aria-label={t('people.gender')}
                  style={{ width: 100 }}
                  options={GENDERS.map((g) => ({ value: g, label: t(`people.${g}`) }))}
                />
              </Form.Item>
              <Form.Item
                name={['person', 'birthDate']}
                label={t('people.birthDate')}
                rules={required(t('people.birthDate'))}
              >
                <DatePicker format={DATE_FORMAT} aria-label={t('people.birthDate')} />
              </Form.Item>
              <Form.Item
                name={['person', 'ethnicity']}
                label={t('people.ethnicity')}
                rules={required(t('people.ethnicity'))}
              >
                <Input aria-label={t('people.ethnicity')} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name={['person', 'nationalId']} label={t('people.nationalId')}>
                <Input aria-label={t('people.nationalId')} style={{ width: 160 }} maxLength={12} />
              </Form.Item>
              <Form.Item
                name={['person', 'unitCode']}
                label={t('pickers.unit')}
                tooltip={t('pickers.unitHint')}
                rules={required(t('pickers.unit'))}
                htmlFor="register-unit"
              >
                <UnitPicker id="register-unit" width={300} />
              </Form.Item>
              <Form.Item
                name={['person', 'unitFrom']}
                label={t('firstDay.unitFrom')}
                tooltip={t('firstDay.unitFromHint')}
                htmlFor="register-unit-from"
              >
                <DateField
                  id="register-unit-from"
                  label={t('firstDay.unitFrom')}
                  value={undefined}
                  onChange={() => undefined}
                  allowClear
                />
              </Form.Item>
              <Form.Item name={['person', 'educationLevel']} label={t('people.education')}>
                <Select
                  aria-label={t('people.education')}
                  style={{ width: 200 }}
                  options={EDUCATION_LEVELS.map((e) => ({
                    value: e,
                    label: t(`enums.education.${e}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name={['person', 'targetGroups']} label={t('people.targetGroups')}>
                <Select
                  aria-label={t('people.targetGroups')}
                  mode="multiple"
                  style={{ minWidth: 260 }}
                  options={TARGET_GROUPS.map((g) => ({
                    value: g,
                    label: t(`enums.targetGroup.${g}`),
                  }))}
                />
              </Form.Item>
              {chosenGroups.map((g) => {
                const label = t('firstDay.groupFrom', {
                  group: t(`enums.targetGroup.${g}`, { defaultValue: g }),
                });
                return (
                  <Form.Item
                    key={g}
                    name={['person', 'groupFrom', g]}
                    label={label}
                    tooltip={t('firstDay.groupFromHint')}
                    htmlFor={`register-group-from-${g}`}
                  >
                    <DateField
                      id={`register-group-from-${g}`}
                      label={label}
                      value={undefined}
                      onChange={() => undefined}
                      allowClear
                    />
                  </Form.Item>
                );
              })}
            </Space>
          )}
          <Space wrap align="start" size="middle">
            <Form.Item
              name="organizationCode"
              label={t('register.cell')}
              rules={required(t('register.cell'))}
              htmlFor="register-org"
            >
              <TreeSelect<string>
                id="register-org"
                aria-label={t('register.cell')}
                style={{ width: 340 }}
                treeData={tree}
                loading={organizations.isPending}
                showSearch={{
                  filterTreeNode: (input, option) =>
                    matchesFilter((option as unknown as TreeItem).node, input),
                }}
                treeDefaultExpandedKeys={tree.map((n) => n.key)}
                popupMatchSelectWidth={false}
              />
            </Form.Item>
            <Form.Item
              name="identifiedOn"
              label={t('register.identifiedOn')}
              rules={required(t('register.identifiedOn'))}
            >
              <DatePicker format={DATE_FORMAT} aria-label={t('register.identifiedOn')} />
            </Form.Item>
          </Space>
          <Form.Item
            name="helperMemberIds"
            label={t('register.helpers')}
            extra={t('register.helpersNote')}
            htmlFor="register-helpers"
          >
            <MemberPicker
              id="register-helpers"
              ariaLabel={t('register.helpers')}
              org={organizationCode}
              asOf={asOf}
              status="official"
              placeholder={t('register.helpersSearch')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
