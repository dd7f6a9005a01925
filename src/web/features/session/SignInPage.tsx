/** The sign-in form; the server's refusal is shown above the fields. */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useSession } from './session.tsx';

interface SignInValues {
  username: string;
  password: string;
}

/** Shown instead of every screen while signed out. */
export default function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: SignInValues) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username, values.password);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('signIn.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in">
      <Card style={{ width: 360, maxWidth: '100%' }}>
        <Typography.Title level={2}>{t('app.title')}</Typography.Title>
        <Typography.Title level={4}>{t('signIn.title')}</Typography.Title>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('signIn.failed')}
            description={error}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<SignInValues>
          layout="vertical"
          onFinish={(values) => void submit(values)}
          requiredMark={false}
        >
          <Form.Item
            name="username"
            label={t('signIn.username')}
            rules={[{ required: true, message: t('signIn.username') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('signIn.password')}
            rules={[{ required: true, message: t('signIn.password') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
