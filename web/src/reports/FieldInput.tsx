// One field of a report: its label and unit, an input fitting its type, the registry's value
// ("Từ sổ đăng ký", the source on hover or tap; beside it when the value departs, with the
// required note), the previous period's value, and its problems as they are typed.
import { DatePicker, Input, Radio, Select, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { datePattern, formatNumber } from '../i18n/format';
import { isNumeric, isWhole, parseNumber, regroupTyping } from './logic';
import { choiceLabel, formatValue } from './values';
import type { FormField } from './types';

export { choiceLabel, formatValue } from './values';

export interface FieldInputProps {
  field: FormField;
  value: unknown;
  /** What the numeric inputs show (as typed); range: `${code}.min` and `${code}.max`. */
  texts: Record<string, string>;
  onText: (key: string, text: string) => void;
  onValue: (value: unknown) => void;
  note: string | undefined;
  onNote: (note: string) => void;
  prefill: { value: unknown; source: string } | undefined;
  previous: unknown;
  /** The value departs from the registry's on a field whose departure needs a note. */
  noteNeeded: boolean;
  problem: string | null;
  noteProblem: string | null;
  warnings: string[];
  readOnly: boolean;
}

export function FieldInput(p: FieldInputProps) {
  const { t, lang } = useI18n();
  const { field } = p;
  const id = `f-${field.code}`;
  const label = lang === 'en' ? field.label_en : field.label_vi;
  const yes = t('report.yes');
  const no = t('report.no');
  const show = (v: unknown) => formatValue(field, v, lang, yes, no);
  const differs = p.prefill !== undefined && JSON.stringify(p.prefill.value ?? null) !== JSON.stringify(p.value ?? null);
  const describedBy = [p.problem ? `${id}-err` : '', p.prefill ? `${id}-src` : ''].filter(Boolean).join(' ') || undefined;
  const status = p.problem ? 'error' : undefined;

  let input: ReactNode;
  if (p.readOnly) {
    input = <span className="report-readonly-value" id={id}>{show(p.value)}</span>;
  } else if (field.type === 'range') {
    const r = (p.value as { min: number | null; max: number | null } | null) ?? { min: null, max: null };
    const part = (which: 'min' | 'max') => {
      const key = `${field.code}.${which}`;
      return (
        <Input
          id={which === 'min' ? id : `${id}-max`}
          className="num-input"
          inputMode="numeric"
          aria-label={`${label} — ${which === 'min' ? t('report.rangeFrom') : t('report.rangeTo')}`}
          aria-invalid={!!p.problem}
          aria-describedby={describedBy}
          status={status}
          value={p.texts[key] ?? ''}
          onChange={(e) => {
            const text = regroupTyping(e.target.value, lang);
            p.onText(key, text);
            const n = parseNumber(text, lang);
            const next = { ...r, [which]: n };
            p.onValue(next.min === null && next.max === null ? null : next);
          }}
        />
      );
    };
    input = (
      <span className="range-inputs">
        <span>{t('report.rangeFrom')}</span>
        {part('min')}
        <span>{t('report.rangeTo')}</span>
        {part('max')}
      </span>
    );
  } else if (isNumeric(field)) {
    input = (
      <Input
        id={id}
        className="num-input"
        inputMode={isWhole(field) ? 'numeric' : 'decimal'}
        aria-invalid={!!p.problem}
        aria-describedby={describedBy}
        aria-required={field.required}
        status={status}
        value={p.texts[field.code] ?? ''}
        onChange={(e) => {
          const text = isWhole(field) ? regroupTyping(e.target.value, lang) : e.target.value;
          p.onText(field.code, text);
          p.onValue(parseNumber(text, lang));
        }}
      />
    );
  } else if (field.type === 'yes_no') {
    input = (
      <Radio.Group
        id={id}
        aria-labelledby={`${id}-label`}
        value={p.value === true ? 'yes' : p.value === false ? 'no' : undefined}
        onChange={(e) => p.onValue(e.target.value === 'yes')}
        options={[
          { value: 'yes', label: yes },
          { value: 'no', label: no },
        ]}
      />
    );
  } else if (field.type === 'date') {
    input = (
      <DatePicker
        id={id}
        format={datePattern(lang)}
        status={status}
        value={typeof p.value === 'string' && p.value ? dayjs(p.value) : null}
        onChange={(d) => p.onValue(d ? d.format('YYYY-MM-DD') : null)}
        style={{ width: 220, maxWidth: '100%' }}
      />
    );
  } else if (field.type === 'choice') {
    input = (
      <Select<string>
        id={id}
        allowClear
        status={status}
        placeholder={t('report.choose')}
        value={typeof p.value === 'string' ? p.value : undefined}
        onChange={(v) => p.onValue(v ?? null)}
        options={(field.choices ?? []).map((c) => ({ value: c, label: choiceLabel(field, c, lang) }))}
        style={{ width: 320, maxWidth: '100%' }}
      />
    );
  } else if (field.type === 'long_text') {
    input = (
      <Input.TextArea
        id={id}
        status={status}
        aria-invalid={!!p.problem}
        autoSize={{ minRows: 3, maxRows: 14 }}
        value={typeof p.value === 'string' ? p.value : ''}
        onChange={(e) => p.onValue(e.target.value === '' ? null : e.target.value)}
      />
    );
  } else {
    input = (
      <Input
        id={id}
        status={status}
        aria-invalid={!!p.problem}
        maxLength={500}
        value={typeof p.value === 'string' ? p.value : ''}
        onChange={(e) => p.onValue(e.target.value === '' ? null : e.target.value)}
      />
    );
  }

  const labelNode = field.type === 'yes_no' || p.readOnly ? <span id={`${id}-label`} className="field-label-text">{label}</span> : <label htmlFor={id}>{label}</label>;
  return (
    <div className="report-field" data-field={field.code}>
      <div className="label-col">
        {labelNode}
        {field.required && (
          <span className="req" title={t('report.required')} aria-label={t('report.required')}>
            *
          </span>
        )}
        {field.unit && <div className="unit">{field.unit}</div>}
      </div>
      <div className="input-col">
        <div className="input-row">
          {input}
          {p.prefill && (
            <Tooltip title={t('report.fromRegistryHelp', { source: p.prefill.source })} trigger={['hover', 'click', 'focus']}>
              <Tag color="cyan" className="prefill-badge" tabIndex={0} role="note" data-testid={`prefill-${field.code}`}>
                {t('report.fromRegistry')}
              </Tag>
            </Tooltip>
          )}
          <span id={`${id}-src`} hidden>
            {p.prefill ? t('report.fromRegistryHelp', { source: p.prefill.source }) : ''}
          </span>
          {p.prefill && differs && (
            <span className="side differs" data-testid={`registry-${field.code}`}>
              {t('report.registryValue', { value: show(p.prefill.value) })}
              {!p.readOnly && (
                <>
                  {' '}
                  <a
                    href="#"
                    onClick={(e) => {
                      e.preventDefault();
                      p.onText(field.code, typeof p.prefill!.value === 'number' ? formatNumber(p.prefill!.value, lang, isWhole(field) ? 0 : Math.min(4, (String(p.prefill!.value).split('.')[1] ?? '').length)) : '');
                      p.onValue(p.prefill!.value);
                    }}
                  >
                    {t('report.useRegistry')}
                  </a>
                </>
              )}
            </span>
          )}
          {p.previous !== undefined && p.previous !== null && (
            <span className="side" data-testid={`previous-${field.code}`}>
              {t('report.previous', { value: show(p.previous) })}
            </span>
          )}
        </div>
        {p.problem && (
          <div className="field-error" id={`${id}-err`} role="alert">
            {p.problem}
          </div>
        )}
        {p.warnings.map((w) => (
          <div className="field-warning" key={w}>
            ⚠ {w}
          </div>
        ))}
        {(p.noteNeeded || (p.note ?? '') !== '') && (
          <div className="report-note">
            <label htmlFor={`${id}-note`} className="field-label">
              {t('report.noteLabel')}
              {p.noteNeeded && !p.readOnly && <span className="req">*</span>}
            </label>
            {p.readOnly ? (
              <div className="report-readonly-value" id={`${id}-note`}>
                {p.note}
              </div>
            ) : (
              <Input.TextArea
                id={`${id}-note`}
                autoSize={{ minRows: 2, maxRows: 6 }}
                placeholder={t('report.notePlaceholder')}
                status={p.noteProblem ? 'error' : undefined}
                aria-invalid={!!p.noteProblem}
                value={p.note ?? ''}
                onChange={(e) => p.onNote(e.target.value)}
              />
            )}
            {p.noteProblem && (
              <div className="field-error" role="alert">
                {p.noteProblem}
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
