/**
 * Shown instead of the app after an administrator reset the user's password: the server answers
 * nothing else to this session until the user chooses their own password.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, apiSend } from '../../api/client.ts';
import { useSession } from '../session/session.tsx';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** The forced password change. */
export default function ChangePasswordPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (values: Values) => {
    setPending(true);
    setProblem(null);
    try {
      await apiSend('POST', '/account/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      void message.success(t('users.changed'));
      await client.invalidateQueries({ queryKey: ['session'] });
      // The screen that was open belonged to whoever signed in before; start from the overview.
      void navigate('/');
    } catch (error) {
      const refusal = error instanceof ApiError ? error : null;
      const placed = new Set(['currentPassword', 'newPassword']);
      const fields = (refusal?.errors ?? []).filter((e) => placed.has(e.field));
      form.setFields(
        fields.map((e) => ({
          name: e.field as keyof Values,
          errors: [i18n.language === 'en' && e.messageEn ? e.messageEn : e.message],
        })),
      );
      if (fields.length === 0) setProblem(refusal?.message ?? String(error));
    } finally {
      setPending(false);
    }
  };
  return (
    <main className="sign-in">
      <Card title={t('users.mustChangeTitle')} style={{ width: 440 }}>
        <Alert
          type="warning"
          showIcon
          title={t('users.mustChangeIntro')}
          style={{ marginBottom: 16 }}
        />
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
        <Form<Values>
          form={form}
          name="changePassword"
          layout="vertical"
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="currentPassword"
            label={t('users.currentPassword')}
            rules={[{ required: true, message: t('users.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('users.newPassword')}
            extra={t('users.passwordHelp')}
            rules={[{ required: true, message: t('users.required') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('users.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('users.required') },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || getFieldValue('newPassword') === value
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('users.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={pending} block>
            {t('users.changeOk')}
          </Button>
          <Button type="link" block onClick={() => void signOut()} style={{ marginTop: 8 }}>
            {t('app.signOut')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
