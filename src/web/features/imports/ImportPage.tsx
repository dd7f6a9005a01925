/** Placeholder for the spreadsheet import (upload, preview per row, confirm) until its API lands. */
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The import screen. */
export default function ImportPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('state.empty')} description={t('import.soon')} />
    </>
  );
}
