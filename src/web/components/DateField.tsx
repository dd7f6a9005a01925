/** A labelled date picker that reads and writes ISO dates and shows dd/mm/yyyy. */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/** Picks one date; `value` and `onChange` use 'YYYY-MM-DD'. */
export function DateField({
  id,
  label,
  value,
  onChange,
  allowClear = false,
}: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (iso: string | undefined) => void;
  allowClear?: boolean;
}) {
  return (
    <DatePicker
      id={id}
      aria-label={label}
      format={['DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD']}
      value={value ? dayjs(value) : null}
      allowClear={allowClear}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
    />
  );
}
