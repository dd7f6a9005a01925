/**
 * Users and roles of the administrator's subtree (issue 15): the list, creating a user, and for
 * one user (a drawer): disable/enable, reset the password, sign out everywhere, grant a role from
 * a day, end a grant, their API tokens. The server judges every rule; its refusals are shown next
 * to the field they name.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FormInstance } from 'antd/es/form';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import type { ApiTokenItem, PublicUser, RoleGrantInfo, UserDetail } from '../../api/types.ts';
import { ErrorState } from '../../components/States.tsx';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { day } from '../../components/format.ts';
import { todayIso } from '../../components/scope.ts';
import { foldText } from '../../../shared/text.ts';
import { USER_ROLES } from '../../../shared/account-contracts.ts';
import { useSession } from '../session/session.tsx';

const DATE_FORMAT = ['DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];

/** dd/mm/yyyy hh:mm of an ISO instant, in the installation's time zone (UTC+7). */
function instant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const local = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${day(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** Puts a refusal's field errors on the form's fields; answers the ones no field shows. */
function showRefusal(form: FormInstance, error: unknown, fields: string[], en: boolean): string[] {
  const problem =
    error instanceof ApiError ? error : new ApiError(0, 'internal', String(error), []);
  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const e of problem.errors) {
    const text = en && e.messageEn ? e.messageEn : e.message;
    if (fields.includes(e.field)) byField.set(e.field, [...(byField.get(e.field) ?? []), text]);
    else unplaced.push(text);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size === 0 ? [problem.message, ...unplaced] : unplaced;
}

/** The status of a user as one tag. */
function StatusTag({ user }: { user: PublicUser }) {
  const { t } = useTranslation();
  if (user.disabled) return <Tag color="red">{t('users.status.disabled')}</Tag>;
  if (!user.grantActive) return <Tag color="default">{t('users.status.noRole')}</Tag>;
  if (user.locked) return <Tag color="orange">{t('users.status.locked')}</Tag>;
  if (user.mustChangePassword) return <Tag color="gold">{t('users.status.mustChange')}</Tag>;
  return <Tag color="green">{t('users.status.active')}</Tag>;
}

function useRoleOptions() {
  const { t } = useTranslation();
  return USER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

type CreateValues = {
  username: string;
  displayName?: string;
  role: string;
  organizationCode: string;
  password: string;
  confirm: string;
};

/** The form that creates a user. */
function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const roles = useRoleOptions();
  const { session } = useSession();
  const ownOrganization =
    session.status === 'signedIn' ? session.user.organization.code : undefined;
  const mutation = useMutation({
    mutationFn: (values: CreateValues) =>
      apiSend<PublicUser>('POST', '/users', {
        username: values.username,
        displayName: values.displayName?.trim() || null,
        role: values.role,
        organizationCode: values.organizationCode,
        password: values.password,
      }),
    onSuccess: (user) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      void message.success(t('users.created', { username: user.username }));
      form.resetFields();
      setProblems([]);
      onClose();
    },
    onError: (error) =>
      setProblems(
        showRefusal(
          form,
          error,
          ['username', 'displayName', 'role', 'organizationCode', 'password'],
          i18n.language === 'en',
        ),
      ),
  });
  return (
    <Modal
      open={open}
      title={t('users.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.createOk')}
      cancelText={t('users.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={560}
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.join(' · ')} style={{ marginBottom: 12 }} />
      )}
      <Form<CreateValues>
        form={form}
        name="createUser"
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
        initialValues={{ role: 'officer', organizationCode: ownOrganization }}
      >
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ max: 200, message: t('users.tooLong') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameHelp')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <Select options={roles} />
        </Form.Item>
        <Form.Item
          name="organizationCode"
          label={t('users.organization')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <OrgFormPicker />
        </Form.Item>
        <PasswordPair />
      </Form>
    </Modal>
  );
}

/** OrgPicker as a form control (value and onChange come from Form.Item). */
function OrgFormPicker({
  id = 'organizationCode',
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
}) {
  return (
    <OrgPicker
      id={id}
      asOf={todayIso()}
      value={value}
      onChange={(code) => onChange?.(code)}
      width={320}
    />
  );
}

/** A new password typed twice. */
function PasswordPair({ name = 'password' }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={t('users.password')}
        extra={t('users.passwordHelp')}
        rules={[{ required: true, message: t('users.required') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('users.confirm')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('users.required') },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue(name) === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('users.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

/** Resets a user's password (typed twice). */
function ResetPasswordModal({ user, onClose }: { user: PublicUser | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ newPassword: string; reason?: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const mutation = useMutation({
    mutationFn: (values: { newPassword: string; reason?: string }) =>
      apiSend<{ sessionsRevoked: number; tokensRevoked: number }>(
        'POST',
        `/users/${user?.id}/password`,
        { newPassword: values.newPassword, ...(values.reason ? { reason: values.reason } : {}) },
      ),
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      void client.invalidateQueries({ queryKey: ['tokens'] });
      void message.success(t('users.resetDone', answer));
      form.resetFields();
      setProblems([]);
      onClose();
    },
    onError: (error) =>
      setProblems(showRefusal(form, error, ['newPassword', 'reason'], i18n.language === 'en')),
  });
  return (
    <Modal
      open={user !== null}
      title={t('users.resetTitle', { username: user?.username })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.resetOk')}
      cancelText={t('users.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('users.resetWarning')} style={{ marginBottom: 12 }} />
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.join(' · ')} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        name="resetPassword"
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
      >
        <PasswordPair name="newPassword" />
        <Form.Item name="reason" label={t('users.reason')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Disables or enables a user, with a reason. */
function DisableModal({ user, onClose }: { user: PublicUser | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const disable = !user?.disabled;
  const mutation = useMutation({
    mutationFn: (values: { reason: string }) =>
      apiSend<PublicUser>('PATCH', `/users/${user?.id}`, {
        disabled: disable,
        reason: values.reason,
      }),
    onSuccess: (updated) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      void client.invalidateQueries({ queryKey: ['tokens'] });
      void message.success(
        t(updated.disabled ? 'users.disabledDone' : 'users.enabledDone', {
          username: updated.username,
        }),
      );
      form.resetFields();
      setProblems([]);
      onClose();
    },
    onError: (error) => setProblems(showRefusal(form, error, ['reason'], i18n.language === 'en')),
  });
  return (
    <Modal
      open={user !== null}
      title={t(disable ? 'users.disableTitle' : 'users.enableTitle', { username: user?.username })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(disable ? 'users.disableOk' : 'users.enableOk')}
      okButtonProps={{ danger: disable }}
      cancelText={t('users.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t(disable ? 'users.disableWarning' : 'users.enableWarning')}
      </Typography.Paragraph>
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.join(' · ')} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        name="disableUser"
        layout="vertical"
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          name="reason"
          label={t('users.reason')}
          rules={[{ required: true, message: t('users.reasonRequired') }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type GrantValues = { role: string; organizationCode: string; validFrom: Dayjs; reason?: string };

/** Grants a role over an organization from a day. */
function GrantForm({ user }: { user: UserDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<GrantValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const roles = useRoleOptions();
  const mutation = useMutation({
    mutationFn: (values: GrantValues) =>
      apiSend('POST', `/users/${user.id}/grants`, {
        role: values.role,
        organizationCode: values.organizationCode,
        validFrom: values.validFrom.format('YYYY-MM-DD'),
        ...(values.reason ? { reason: values.reason } : {}),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['users'] });
      void message.success(t('users.granted'));
      form.resetFields();
      setProblems([]);
    },
    onError: (error) =>
      setProblems(
        showRefusal(
          form,
          error,
          ['role', 'organizationCode', 'validFrom', 'reason'],
          i18n.language === 'en',
        ),
      ),
  });
  return (
    <Form<GrantValues>
      form={form}
      name="grantRole"
      layout="vertical"
      aria-label={t('users.grantTitle')}
      initialValues={{
        role: user.role === 'system' ? 'viewer' : user.role,
        organizationCode: user.organization.code,
        validFrom: dayjs(todayIso()),
      }}
      onFinish={(values) => mutation.mutate(values)}
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.join(' · ')} style={{ marginBottom: 12 }} />
      )}
      <Space align="start" wrap>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={roles} style={{ width: 190 }} />
        </Form.Item>
        <Form.Item
          name="organizationCode"
          label={t('users.organization')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <OrgFormPicker />
        </Form.Item>
        <Form.Item
          name="validFrom"
          label={t('users.validFrom')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <DateInput label={t('users.validFrom')} />
        </Form.Item>
      </Space>
      <Form.Item name="reason" label={t('users.reason')}>
        <Input />
      </Form.Item>
      <Popconfirm
        title={t('users.grantConfirm')}
        okText={t('users.confirmYes')}
        cancelText={t('users.cancel')}
        onConfirm={() => form.submit()}
      >
        <Button type="primary" loading={mutation.isPending}>
          {t('users.grantOk')}
        </Button>
      </Popconfirm>
    </Form>
  );
}

/** A date picker as a form control (dayjs value) showing dd/mm/yyyy. */
function DateInput({
  id,
  label,
  value,
  onChange,
}: {
  id?: string;
  label: string;
  value?: Dayjs;
  onChange?: (d: Dayjs | null) => void;
}) {
  return (
    <DatePicker
      id={id}
      aria-label={label}
      value={value}
      onChange={onChange}
      format={DATE_FORMAT}
      allowClear={false}
    />
  );
}

/** Ends one grant from a day. */
function EndGrantModal({
  user,
  grant,
  onClose,
}: {
  user: UserDetail;
  grant: RoleGrantInfo | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ on: Dayjs; reason?: string }>();
  const [problems, setProblems] = useState<string[]>([]);
  const mutation = useMutation({
    mutationFn: (values: { on: Dayjs; reason?: string }) =>
      apiSend('POST', `/users/${user.id}/grants/${grant?.id}/end`, {
        on: values.on.format('YYYY-MM-DD'),
        ...(values.reason ? { reason: values.reason } : {}),
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['users'] });
      void message.success(t('users.grantEnded'));
      form.resetFields();
      setProblems([]);
      onClose();
    },
    onError: (error) =>
      setProblems(showRefusal(form, error, ['on', 'reason'], i18n.language === 'en')),
  });
  const first = grant && grant.validFrom > todayIso() ? grant.validFrom : todayIso();
  return (
    <Modal
      open={grant !== null}
      title={t('users.endTitle', {
        role: grant ? t(`roles.${grant.role}`) : '',
        organization: grant?.organizationName,
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.endOk')}
      okButtonProps={{ danger: true }}
      cancelText={t('users.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('users.endWarning')}</Typography.Paragraph>
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.join(' · ')} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        name="endGrant"
        layout="vertical"
        initialValues={{ on: dayjs(first) }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          name="on"
          label={t('users.endOn')}
          rules={[{ required: true, message: t('users.required') }]}
        >
          <DateInput label={t('users.endOn')} />
        </Form.Item>
        <Form.Item name="reason" label={t('users.reason')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One user: status, actions, dated grants, API tokens. */
function UserDrawer({ userId, onClose }: { userId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [resetting, setResetting] = useState<PublicUser | null>(null);
  const [disabling, setDisabling] = useState<PublicUser | null>(null);
  const [ending, setEnding] = useState<RoleGrantInfo | null>(null);
  const detail = useQuery({
    queryKey: ['users', 'detail', userId],
    queryFn: () => apiGet<UserDetail>(`/users/${userId}`),
    enabled: userId !== null,
  });
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => apiGet<{ items: ApiTokenItem[] }>('/tokens'),
    enabled: userId !== null,
  });
  const signOutAll = useMutation({
    mutationFn: () => apiSend<{ revoked: number }>('POST', `/users/${userId}/sessions/revoke`),
    onSuccess: (answer) => {
      void client.invalidateQueries({ queryKey: ['users'] });
      void message.success(t('users.signedOut', answer));
    },
    onError: (error) => void message.error(error.message),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => apiSend('DELETE', `/tokens/${id}`),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['tokens'] });
      void message.success(t('users.tokenRevoked'));
    },
    onError: (error) => void message.error(error.message),
  });
  const user = detail.data;
  const today = todayIso();
  const own = (tokens.data?.items ?? []).filter((k) => k.username === user?.username);
  return (
    <Drawer
      open={userId !== null}
      onClose={onClose}
      size={760}
      title={user ? `${user.displayName ?? user.username} (${user.username})` : t('users.title')}
    >
      {detail.isError && <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />}
      {user && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('users.role')}>{t(`roles.${user.role}`)}</Descriptions.Item>
            <Descriptions.Item label={t('users.organization')}>
              {user.organization.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('users.statusLabel')}>
              <StatusTag user={user} />
            </Descriptions.Item>
            <Descriptions.Item label={t('users.lastSignIn')}>
              {instant(user.lastSignInAt)}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Button danger={!user.disabled} onClick={() => setDisabling(user)}>
              {t(user.disabled ? 'users.enable' : 'users.disable')}
            </Button>
            <Button onClick={() => setResetting(user)}>{t('users.resetPassword')}</Button>
            <Popconfirm
              title={t('users.signOutConfirm', { username: user.username })}
              okText={t('users.confirmYes')}
              cancelText={t('users.cancel')}
              onConfirm={() => signOutAll.mutate()}
            >
              <Button loading={signOutAll.isPending}>{t('users.signOutAll')}</Button>
            </Popconfirm>
          </Space>
          <section aria-label={t('users.grants')}>
            <Typography.Title level={4}>{t('users.grants')}</Typography.Title>
            <Table<RoleGrantInfo>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={user.grants}
              columns={[
                { title: t('users.role'), render: (_, g) => t(`roles.${g.role}`) },
                { title: t('users.organization'), dataIndex: 'organizationName' },
                { title: t('users.validFrom'), render: (_, g) => day(g.validFrom) },
                {
                  title: t('users.validTo'),
                  render: (_, g) => (g.validTo ? day(g.validTo) : t('users.open')),
                },
                { title: t('users.grantedBy'), dataIndex: 'grantedBy' },
                {
                  title: '',
                  render: (_, g) =>
                    g.validTo === null || (g.validTo > today && g.validTo > g.validFrom) ? (
                      <Button size="small" danger onClick={() => setEnding(g)}>
                        {t('users.endGrant')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          </section>
          <section aria-label={t('users.grantTitle')}>
            <Typography.Title level={4}>{t('users.grantTitle')}</Typography.Title>
            <GrantForm key={`${user.id}-${user.grants.length}`} user={user} />
          </section>
          <section aria-label={t('users.tokens')}>
            <Typography.Title level={4}>{t('users.tokens')}</Typography.Title>
            <Table<ApiTokenItem>
              size="small"
              rowKey="id"
              pagination={false}
              loading={tokens.isPending}
              dataSource={own}
              locale={{ emptyText: t('users.noTokens') }}
              columns={[
                { title: t('users.tokenName'), dataIndex: 'name' },
                { title: t('users.tokenPrefix'), render: (_, k) => `${k.prefix}…` },
                { title: t('users.tokenCreated'), render: (_, k) => instant(k.createdAt) },
                { title: t('users.tokenUsed'), render: (_, k) => instant(k.lastUsedAt) },
                {
                  title: t('users.statusLabel'),
                  render: (_, k) =>
                    k.revokedAt ? (
                      <Tag>{t('users.tokenRevokedOn', { at: instant(k.revokedAt) })}</Tag>
                    ) : (
                      <Popconfirm
                        title={t('users.tokenRevokeConfirm', { name: k.name })}
                        okText={t('users.confirmYes')}
                        cancelText={t('users.cancel')}
                        onConfirm={() => revoke.mutate(k.id)}
                      >
                        <Button size="small" danger>
                          {t('users.tokenRevoke')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]}
            />
          </section>
          <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
          <DisableModal user={disabling} onClose={() => setDisabling(null)} />
          <EndGrantModal user={user} grant={ending} onClose={() => setEnding(null)} />
        </Space>
      )}
    </Drawer>
  );
}

/** The users screen. */
export default function UsersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const users = useQuery({
    queryKey: ['users'],
    queryFn: () => apiGet<{ items: PublicUser[] }>('/users'),
  });
  const shown = useMemo(() => {
    const q = foldText(search.trim());
    const items = users.data?.items ?? [];
    if (!q) return items;
    return items.filter((u) =>
      foldText(`${u.displayName ?? ''} ${u.username} ${u.organization.name}`).includes(q),
    );
  }, [users.data, search]);
  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('users.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          aria-label={t('users.search')}
          placeholder={t('users.search')}
          allowClear
          style={{ width: 360 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </Space>
      {users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<PublicUser>
          rowKey="id"
          size="middle"
          loading={users.isPending}
          dataSource={shown}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          onRow={(u) => ({ onDoubleClick: () => setOpenId(u.id) })}
          columns={[
            {
              title: t('users.displayName'),
              render: (_, u) => u.displayName ?? '—',
            },
            { title: t('users.username'), dataIndex: 'username' },
            {
              title: t('users.role'),
              render: (_, u) => t(`roles.${u.role}`),
            },
            { title: t('users.organization'), render: (_, u) => u.organization.name },
            { title: t('users.statusLabel'), render: (_, u) => <StatusTag user={u} /> },
            { title: t('users.lastSignIn'), render: (_, u) => instant(u.lastSignInAt) },
            {
              title: '',
              render: (_, u) => (
                <Button size="small" onClick={() => setOpenId(u.id)}>
                  {t('users.open_')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <UserDrawer userId={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}
