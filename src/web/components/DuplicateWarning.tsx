/**
 * Before a new person is created: the people already on record who may be them (same national
 * ID, same name and birth date, or a close name in the same unit), with the question "is this
 * the same person?" — choose one of them, or confirm that it is someone new.
 */
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  DuplicateCheckAnswer,
  DuplicateCheckInput,
  PossibleDuplicate,
} from '../../shared/duplicate-check.ts';
import { apiSend } from '../api/client.ts';
import { day } from './format.ts';
import { personLabel } from './PersonPicker.tsx';

/** Asks the server which people of the caller's scope may be the person about to be created. */
export async function checkDuplicates(person: {
  fullName: string;
  birthDate: string;
  nationalId?: string | null | undefined;
  unitCode?: string | undefined;
}): Promise<PossibleDuplicate[]> {
  const body: DuplicateCheckInput = {
    fullName: person.fullName,
    birthDate: person.birthDate,
    nationalId: person.nationalId || null,
    ...(person.unitCode ? { unitCode: person.unitCode } : {}),
  };
  return (await apiSend<DuplicateCheckAnswer>('POST', '/duplicates/check', body)).items;
}

/** The warning with one "this is them" button per possible duplicate and "create a new person". */
export function DuplicateWarning({
  items,
  onChoose,
  onCreateNew,
}: {
  items: PossibleDuplicate[];
  /** The user says the person is this one; `label` shows them in a person picker. */
  onChoose: (person: PossibleDuplicate, label: string) => void;
  onCreateNew: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="duplicate-warning"
      style={{ marginBottom: 16 }}
      title={t('pickers.duplicatesTitle', { count: items.length })}
      description={
        <>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>
            {t('pickers.duplicatesQuestion')}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={items}
            renderItem={(d) => (
              <List.Item
                actions={[
                  <Button
                    key="choose"
                    size="small"
                    type="primary"
                    ghost
                    onClick={() => onChoose(d, personLabel(d))}
                  >
                    {t('pickers.thisPerson')}
                  </Button>,
                ]}
              >
                <Space wrap size={[12, 0]}>
                  <Typography.Text strong>{d.fullName}</Typography.Text>
                  <span>
                    {t('pickers.born')} {day(d.birthDate)}
                  </span>
                  {d.unitName && <span>{d.unitName}</span>}
                  {d.nationalIdMasked && (
                    <span>
                      {t('pickers.nationalId')} {d.nationalIdMasked}
                    </span>
                  )}
                  <Tag>{t(`pickers.reason.${d.reason}`)}</Tag>
                </Space>
              </List.Item>
            )}
          />
          <Button data-testid="create-new-person" onClick={onCreateNew} style={{ marginTop: 8 }}>
            {t('pickers.createNew')}
          </Button>
        </>
      }
    />
  );
}
