/**
 * The first-run screen, shown instead of sign-in while the installation has no organization: it
 * creates the top organization, the first administrator and the place line of documents
 * (POST /setup), then signs the administrator in.
 */
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { useSession } from '../session/session.tsx';
import {
  INSTALLATION_LEVELS,
  type SetupInput,
  type SetupResult,
} from '../../../shared/setup-contracts.ts';

interface FirstRunValues {
  name: string;
  code: string;
  level: SetupInput['level'];
  establishedOn: string | undefined;
  place: string | undefined;
  displayName: string | undefined;
  username: string;
  password: string;
  confirm: string;
}

/** The fields of the form, by the names the server's errors use. */
const FIELDS = [
  'name',
  'code',
  'level',
  'establishedOn',
  'place',
  'displayName',
  'username',
  'password',
] as const;

/** The first-run form. */
export default function FirstRunPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<FirstRunValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: FirstRunValues) => {
    setBusy(true);
    setError(null);
    try {
      await apiSend<SetupResult>('POST', '/setup', {
        name: values.name,
        code: values.code,
        level: values.level,
        establishedOn: values.establishedOn,
        ...(values.place ? { place: values.place } : {}),
        ...(values.displayName ? { displayName: values.displayName } : {}),
        username: values.username,
        password: values.password,
      });
      await signIn(values.username.trim().toLowerCase(), values.password);
      void navigate('/');
    } catch (e) {
      const problem =
        e instanceof ApiError ? e : new ApiError(0, 'network', t('firstRun.failed'), []);
      const named = problem.errors.filter((f) => (FIELDS as readonly string[]).includes(f.field));
      form.setFields(
        named.map((f) => ({ name: f.field as keyof FirstRunValues, errors: [f.message] })),
      );
      setError(problem);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <Card style={{ width: 720, maxWidth: '100%' }}>
        <Typography.Title level={2}>{t('app.title')}</Typography.Title>
        <Typography.Title level={4}>{t('firstRun.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('firstRun.intro')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error.code === 'setup.already_initialised' ? t('firstRun.done') : error.message}
            {...(error.errors.length > 0 && error.code !== 'setup.already_initialised'
              ? { description: t('firstRun.seeFields') }
              : {})}
            {...(error.code === 'setup.already_initialised'
              ? {
                  description: error.message,
                  action: (
                    <Button
                      size="small"
                      onClick={() => void client.invalidateQueries({ queryKey: ['session'] })}
                    >
                      {t('firstRun.toSignIn')}
                    </Button>
                  ),
                }
              : {})}
            style={{ marginBottom: 16 }}
            data-testid="first-run-error"
          />
        )}
        <Form<FirstRunValues>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ level: 'grassroots' }}
          onFinish={(values) => void submit(values)}
        >
          <Typography.Title level={5}>{t('firstRun.organization')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item
                name="name"
                label={t('firstRun.name')}
                extra={t('firstRun.nameHint')}
                rules={[{ required: true, whitespace: true, message: t('firstRun.required') }]}
              >
                <Input autoFocus />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="code"
                label={t('firstRun.code')}
                extra={t('firstRun.codeHint')}
                rules={[{ required: true, whitespace: true, message: t('firstRun.required') }]}
              >
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="level" label={t('firstRun.level')} rules={[{ required: true }]}>
                <Select
                  options={INSTALLATION_LEVELS.map((level) => ({
                    value: level,
                    label: t(`organizations.levels.${level}`),
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="establishedOn"
                label={t('firstRun.from')}
                htmlFor="first-run-from"
                rules={[{ required: true, message: t('firstRun.required') }]}
              >
                <DateField
                  id="first-run-from"
                  label={t('firstRun.from')}
                  value={undefined}
                  onChange={() => undefined}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="place" label={t('firstRun.place')} extra={t('firstRun.placeHint')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>{t('firstRun.administrator')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="displayName" label={t('firstRun.displayName')}>
                <Input autoComplete="name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="username"
                label={t('firstRun.username')}
                extra={t('firstRun.usernameHint')}
                rules={[{ required: true, whitespace: true, message: t('firstRun.required') }]}
              >
                <Input autoComplete="username" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="password"
                label={t('firstRun.password')}
                extra={t('firstRun.passwordHint')}
                rules={[{ required: true, message: t('firstRun.required') }]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="confirm"
                label={t('firstRun.confirm')}
                dependencies={['password']}
                rules={[
                  { required: true, message: t('firstRun.required') },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      !value || getFieldValue('password') === value
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('firstRun.mismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('firstRun.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
