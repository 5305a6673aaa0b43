// The component library's DatePicker (one date), loaded when first shown; until then a read-only
// field with the same value and look stands in (a plain input: the library's Input would bring
// its own weight). It is the heaviest widget of the dashboard's toolbar and most people keep its
// default (today), so the dashboard's first screen does not wait for it.
import type { Dayjs } from 'dayjs';
import { Suspense, lazy, type CSSProperties } from 'react';

const DatePicker = lazy(() => import('antd/es/date-picker'));

export interface LazyDatePickerProps {
  id?: string;
  value: Dayjs | null;
  onChange: (date: Dayjs | null) => void;
  format: string;
  allowClear?: boolean;
  disabledDate?: (date: Dayjs) => boolean;
  placeholder?: string;
  style?: CSSProperties;
}

export function LazyDatePicker(props: LazyDatePickerProps) {
  const { id, value, format, placeholder, style } = props;
  const fallback = (
    <input id={id} className="date-stand-in" readOnly value={value ? value.format(format) : ''} placeholder={placeholder} style={style} />
  );
  return (
    <Suspense fallback={fallback}>
      <DatePicker {...props} onChange={(d) => props.onChange((d as Dayjs | null) ?? null)} />
    </Suspense>
  );
}
