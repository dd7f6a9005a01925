/**
 * One change to the tree from a date (create a sub-organization, rename, move, merge, split,
 * dissolve), as a form: the effective date, a reason, what the change needs (a target picked by
 * name, a name, a suggested code), then the server's preview of its effect ("12 chi bộ, 340 đảng
 * viên sẽ chuyển sang …") before "Xác nhận". The server judges everything; its refusals are shown
 * next to the field they name.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import type { OrganizationNode, ReorganizationAnswer } from '../../api/types.ts';
import type { ReorganizationInput, ReorganizationStep } from '../../../shared/contracts.ts';
import { isOrganizationLevel, isSector, type OrganizationLevel } from '../../../shared/enums.ts';
import { DateField } from '../../components/DateField.tsx';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { todayIso } from '../../components/scope.ts';
import { suggestCode } from './suggest-code.ts';

/** The changes a node offers. */
export type TreeAction = 'create' | 'rename' | 'move' | 'merge' | 'split' | 'dissolve';

/** Levels a new sub-organization may have under a parent of a level. */
function childLevels(parent: OrganizationLevel): OrganizationLevel[] {
  return parent === 'top' || parent === 'upper'
    ? ['grassroots', 'grassroots_cell', 'upper']
    : ['cell', 'partial'];
}

function kindOf(level: OrganizationLevel): 'committee' | 'cell' {
  return level === 'cell' || level === 'grassroots_cell' ? 'cell' : 'committee';
}

interface Part {
  name: string;
  code: string;
  codeEdited: boolean;
}

/** Field errors by form field (`on`, `reason`, `name`, `code`, `target`, `parts.0.name`…). */
type FieldErrors = Record<string, string[]>;

/** Where a server field (`steps.0.toParentCode`, `on`) is shown in this form, if anywhere. */
function formField(action: TreeAction, field: string, parts: number): string | undefined {
  if (field === 'on' || field === 'reason' || field === 'decisionNo') return field;
  const step = /^steps\.(\d+)\.(\w+)/.exec(field);
  const index = step ? Number(step[1]) : -1;
  const key = step?.[2] ?? field;
  if (action === 'split' && index >= 0 && index < parts && (key === 'name' || key === 'code'))
    return `parts.${index}.${key}`;
  if ((action === 'create' || action === 'rename') && key === 'name') return 'name';
  if (action === 'create' && (key === 'code' || key === 'level')) return key;
  if ((action === 'move' || action === 'merge') && (key === 'toParentCode' || key === 'intoCode'))
    return 'target';
  return undefined;
}

/** The dialog of one action on one node; `nodes` is today's tree of the caller. */
export function ReorganizeDialog({
  action,
  node,
  nodes,
  onClose,
  onDone,
}: {
  action: TreeAction;
  node: OrganizationNode;
  nodes: OrganizationNode[];
  onClose: () => void;
  /** Called after the change was made, with the organization to show next. */
  onDone: (code: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const taken = useMemo(() => new Set(nodes.map((n) => n.code)), [nodes]);
  const root = nodes.find((n) => n.depth === 0)?.code ?? node.code;
  const children = nodes.filter((n) => n.parentCode === node.code);
  // The answer carries level and sector as stored text; every stored value is one of the enums.
  const nodeLevel: OrganizationLevel = isOrganizationLevel(node.level) ? node.level : 'cell';
  const nodeSector = isSector(node.sector) ? node.sector : null;
  const levels = childLevels(nodeLevel);

  const [on, setOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [name, setName] = useState(action === 'rename' ? node.name : '');
  const [level, setLevel] = useState<OrganizationLevel>(levels[0] ?? 'cell');
  const [code, setCode] = useState('');
  const [codeEdited, setCodeEdited] = useState(false);
  const [target, setTarget] = useState<string>(node.parentCode ?? root);
  const [parts, setParts] = useState<Part[]>([
    { name: '', code: '', codeEdited: false },
    { name: '', code: '', codeEdited: false },
  ]);
  const [childPart, setChildPart] = useState<Record<string, number>>({});
  const [unitPart, setUnitPart] = useState<Record<string, number>>({});
  const [preview, setPreview] = useState<ReorganizationAnswer | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);

  const units = useQuery({
    queryKey: ['units', 'own', node.code, on],
    queryFn: () =>
      apiGet<{ items: { code: string; name: string; organizationCode: string }[] }>('/units', {
        org: node.code,
        asOf: on,
        limit: 500,
      }),
    enabled: action === 'split',
  });
  const ownUnits = (units.data?.items ?? []).filter((u) => u.organizationCode === node.code);

  /** Any change voids the preview and the errors: they were for the values before. */
  const changed = () => {
    setPreview(null);
    setErrors({});
    setGeneral([]);
  };
  const shownCode = codeEdited ? code : suggestCode(node.code, name, taken);
  const partCode = (part: Part, index: number): string => {
    if (part.codeEdited) return part.code;
    const earlier = new Set<string>([
      ...taken,
      ...parts.slice(0, index).map((p, i) => (p.codeEdited ? p.code : partCode(p, i))),
    ]);
    return suggestCode(node.parentCode, part.name, earlier);
  };

  const body = (): ReorganizationInput => {
    let steps: ReorganizationStep[];
    switch (action) {
      case 'create':
        steps = [
          {
            op: 'create',
            code: shownCode,
            name,
            kind: kindOf(level),
            level,
            parentCode: node.code,
            sector: nodeSector,
          },
        ];
        break;
      case 'rename':
        steps = [{ op: 'rename', code: node.code, name }];
        break;
      case 'move':
        steps = [{ op: 'move', code: node.code, toParentCode: target }];
        break;
      case 'merge':
        steps = [{ op: 'merge', codes: [node.code], intoCode: target }];
        break;
      case 'split': {
        const codes = parts.map(partCode);
        steps = [
          ...parts.map((part, i): ReorganizationStep => ({
            op: 'create',
            code: codes[i] ?? '',
            name: part.name,
            kind: node.kind,
            level: nodeLevel,
            parentCode: node.parentCode,
            sector: nodeSector,
          })),
          {
            op: 'split',
            code: node.code,
            into: codes.map((c, i) => ({
              code: c,
              childCodes: children
                .filter((ch) => (childPart[ch.code] ?? 0) === i)
                .map((ch) => ch.code),
              unitCodes: ownUnits.filter((u) => (unitPart[u.code] ?? 0) === i).map((u) => u.code),
            })),
          },
        ];
        break;
      }
      case 'dissolve':
        steps = [{ op: 'dissolve', code: node.code }];
        break;
    }
    return {
      on,
      reason,
      ...(decisionNo.trim() ? { decisionNo: decisionNo.trim() } : {}),
      steps,
    };
  };

  const showProblem = (error: unknown) => {
    const problem =
      error instanceof ApiError ? error : new ApiError(0, 'internal', String(error), []);
    const byField: FieldErrors = {};
    const rest: string[] = [];
    for (const e of problem.errors) {
      const text = i18n.language === 'en' && e.messageEn ? e.messageEn : e.message;
      const field = formField(action, e.field, parts.length);
      if (field) byField[field] = [...(byField[field] ?? []), text];
      else rest.push(text);
    }
    setErrors(byField);
    setGeneral(
      Object.keys(byField).length > 0 && rest.length === 0 ? [] : [problem.message, ...rest],
    );
  };

  const previewing = useMutation({
    mutationFn: () => apiSend<ReorganizationAnswer>('POST', '/reorganizations/preview', body()),
    onSuccess: (answer) => {
      setErrors({});
      setGeneral([]);
      setPreview(answer);
    },
    onError: (error) => {
      setPreview(null);
      showProblem(error);
    },
  });
  const confirming = useMutation({
    mutationFn: () => apiSend<ReorganizationAnswer>('POST', '/reorganizations', body()),
    onSuccess: (answer) => {
      void client.invalidateQueries();
      void message.success(t('treeEdit.done'));
      const next =
        action === 'create' || action === 'split'
          ? answer.created[0]
          : action === 'merge'
            ? target
            : action === 'dissolve'
              ? node.parentCode
              : node.code;
      onDone(next ?? node.code);
    },
    onError: (error) => {
      setPreview(null);
      showProblem(error);
    },
  });

  const item = (field: string) =>
    errors[field]
      ? { validateStatus: 'error' as const, help: errors[field].join('; ') }
      : { validateStatus: undefined, help: undefined };

  const partSelect = (value: number, onChange: (v: number) => void, label: string) => (
    <Select<number>
      aria-label={label}
      style={{ width: 260 }}
      value={value}
      onChange={(v) => {
        onChange(v);
        changed();
      }}
      options={parts.map((p, i) => ({
        value: i,
        label: p.name || t('treeEdit.partN', { n: i + 1 }),
      }))}
    />
  );

  return (
    <Modal
      open
      title={t(`treeEdit.titles.${action}`, { name: node.name })}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('treeEdit.cancel')}</Button>
          <Button
            onClick={() => previewing.mutate()}
            loading={previewing.isPending}
            data-testid="tree-edit-preview"
          >
            {t('treeEdit.preview')}
          </Button>
          <Button
            type="primary"
            danger={action === 'dissolve'}
            disabled={!preview}
            loading={confirming.isPending}
            onClick={() => confirming.mutate()}
            data-testid="tree-edit-confirm"
          >
            {t('treeEdit.confirm')}
          </Button>
        </Space>
      }
    >
      {general.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={general[0]}
          description={general.slice(1).join('; ') || undefined}
        />
      )}
      <Form layout="vertical" component="div">
        <Space wrap align="start" size="large">
          <Form.Item label={t('treeEdit.on')} htmlFor="tree-edit-on" {...item('on')}>
            <DateField
              id="tree-edit-on"
              label={t('treeEdit.on')}
              value={on}
              onChange={(d) => {
                setOn(d ?? todayIso());
                changed();
              }}
            />
          </Form.Item>
          <Form.Item
            label={t('treeEdit.decisionNo')}
            htmlFor="tree-edit-decision"
            {...item('decisionNo')}
          >
            <Input
              id="tree-edit-decision"
              style={{ width: 220 }}
              value={decisionNo}
              onChange={(e) => {
                setDecisionNo(e.target.value);
                changed();
              }}
            />
          </Form.Item>
        </Space>

        {(action === 'create' || action === 'rename') && (
          <Form.Item
            label={action === 'rename' ? t('treeEdit.newName') : t('treeEdit.name')}
            htmlFor="tree-edit-name"
            {...item('name')}
          >
            <Input
              id="tree-edit-name"
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                changed();
              }}
            />
          </Form.Item>
        )}
        {action === 'create' && (
          <Space wrap align="start" size="large">
            <Form.Item label={t('treeEdit.level')} htmlFor="tree-edit-level" {...item('level')}>
              <Select<OrganizationLevel>
                id="tree-edit-level"
                style={{ width: 300 }}
                value={level}
                onChange={(v) => {
                  setLevel(v);
                  changed();
                }}
                options={levels.map((l) => ({ value: l, label: t(`organizations.levels.${l}`) }))}
              />
            </Form.Item>
            <Form.Item
              label={t('treeEdit.code')}
              htmlFor="tree-edit-code"
              style={{ maxWidth: 320 }}
              {...(errors.code ? item('code') : { help: t('treeEdit.codeHint') })}
            >
              <Input
                id="tree-edit-code"
                style={{ width: 260 }}
                value={shownCode}
                onChange={(e) => {
                  setCode(e.target.value);
                  setCodeEdited(true);
                  changed();
                }}
              />
            </Form.Item>
          </Space>
        )}
        {(action === 'move' || action === 'merge') && (
          <Form.Item
            label={action === 'move' ? t('treeEdit.moveTo') : t('treeEdit.mergeInto')}
            htmlFor="tree-edit-target"
            {...item('target')}
          >
            <OrgPicker
              id="tree-edit-target"
              asOf={on}
              value={target}
              width="100%"
              onChange={(c) => {
                setTarget(c ?? root);
                changed();
              }}
            />
          </Form.Item>
        )}
        {action === 'split' && (
          <>
            <Typography.Text strong>{t('treeEdit.parts')}</Typography.Text>
            {parts.map((part, i) => (
              <Space key={i} wrap align="start" size="middle" style={{ display: 'flex' }}>
                <Form.Item
                  label={t('treeEdit.partName', { n: i + 1 })}
                  htmlFor={`tree-edit-part-${i}-name`}
                  {...item(`parts.${i}.name`)}
                >
                  <Input
                    id={`tree-edit-part-${i}-name`}
                    style={{ width: 340 }}
                    value={part.name}
                    onChange={(e) => {
                      const value = e.target.value;
                      setParts((ps) => ps.map((p, j) => (j === i ? { ...p, name: value } : p)));
                      changed();
                    }}
                  />
                </Form.Item>
                <Form.Item
                  label={t('treeEdit.code')}
                  htmlFor={`tree-edit-part-${i}-code`}
                  {...item(`parts.${i}.code`)}
                >
                  <Input
                    id={`tree-edit-part-${i}-code`}
                    style={{ width: 220 }}
                    value={partCode(part, i)}
                    onChange={(e) => {
                      const value = e.target.value;
                      setParts((ps) =>
                        ps.map((p, j) => (j === i ? { ...p, code: value, codeEdited: true } : p)),
                      );
                      changed();
                    }}
                  />
                </Form.Item>
                {parts.length > 2 && (
                  <Button
                    style={{ marginTop: 30 }}
                    onClick={() => {
                      setParts((ps) => ps.filter((_, j) => j !== i));
                      setChildPart({});
                      setUnitPart({});
                      changed();
                    }}
                  >
                    {t('treeEdit.removePart')}
                  </Button>
                )}
              </Space>
            ))}
            <Button
              style={{ marginBottom: 16 }}
              onClick={() => {
                setParts((ps) => [...ps, { name: '', code: '', codeEdited: false }]);
                changed();
              }}
            >
              + {t('treeEdit.addPart')}
            </Button>
            {(children.length > 0 || ownUnits.length > 0) && (
              <Typography.Paragraph type="secondary">
                {t('treeEdit.assignHint')}
              </Typography.Paragraph>
            )}
            {children.map((child) => (
              <Form.Item key={child.code} label={child.name} style={{ marginBottom: 8 }}>
                {partSelect(
                  childPart[child.code] ?? 0,
                  (v) => setChildPart((m) => ({ ...m, [child.code]: v })),
                  child.name,
                )}
              </Form.Item>
            ))}
            {ownUnits.map((unit) => (
              <Form.Item key={unit.code} label={unit.name} style={{ marginBottom: 8 }}>
                {partSelect(
                  unitPart[unit.code] ?? 0,
                  (v) => setUnitPart((m) => ({ ...m, [unit.code]: v })),
                  unit.name,
                )}
              </Form.Item>
            ))}
          </>
        )}
        {action === 'dissolve' && (
          <Typography.Paragraph type="secondary">{t('treeEdit.dissolveHint')}</Typography.Paragraph>
        )}
        <Form.Item label={t('treeEdit.reason')} htmlFor="tree-edit-reason" {...item('reason')}>
          <Input.TextArea
            id="tree-edit-reason"
            rows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              changed();
            }}
          />
        </Form.Item>
      </Form>
      {preview ? (
        <Alert
          type="info"
          showIcon
          data-testid="tree-edit-preview-answer"
          title={t('treeEdit.previewTitle')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {preview.steps.map((step, i) => (
                <li key={i}>{step.text}</li>
              ))}
            </ul>
          }
        />
      ) : (
        <Typography.Text type="secondary">{t('treeEdit.previewFirst')}</Typography.Text>
      )}
    </Modal>
  );
}
