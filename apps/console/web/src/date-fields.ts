// Date and time fields that read YYYY-MM-DD and HH:mm in both languages (date-text.ts says why):
// a text field checked as it is typed, and for dates a button that opens the browser's calendar,
// whose pick is written into the field in the office's format.
import { h } from './dom';
import { bilingual } from './i18n';
import { DATE_TEXT_FORMATS, type DateTextKind, fromPickerValue, isDateText, pickerValue } from './date-text';
import './date-fields.css';

const texts = bilingual({
  zh: {
    calendar: '选择日期',
    invalid: (format: string, example: string) => `请按 ${format} 填写，例如 ${example}`,
  },
  en: {
    calendar: 'Pick a date',
    invalid: (format: string, example: string) => `Write it as ${format}, for example ${example}`,
  },
});

const EXAMPLES: Record<DateTextKind, string> = {
  date: '2026-12-07',
  time: '09:30',
  datetime: '2026-12-07 09:30',
};

const CALENDAR_ICON =
  '<svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true"><rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor"/><path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor"/></svg>';

export interface DateFieldOptions {
  value?: string;
  name?: string;
  required?: boolean;
  testid?: string;
}

export interface DateField {
  /** What the form shows: the text field, and for dates its calendar button. */
  root: HTMLElement;
  /** The text field; its value is the text as written (`YYYY-MM-DD`, `HH:mm`, `YYYY-MM-DD HH:mm`). */
  input: HTMLInputElement;
}

export function dateField(kind: DateTextKind, options: DateFieldOptions = {}): DateField {
  const format = DATE_TEXT_FORMATS[kind];
  const input = h('input', {
    class: `date-text date-text-${kind}`,
    attrs: {
      type: 'text',
      autocomplete: 'off',
      placeholder: format,
      maxlength: String(format.length),
      size: String(format.length + 2),
      ...(options.name ? { name: options.name } : {}),
      ...(options.required ? { required: '' } : {}),
    },
    data: options.testid ? { testid: options.testid } : {},
  });
  input.value = options.value ?? '';
  // the browser refuses to submit the form while a field says what is wrong with it
  const check = () =>
    input.setCustomValidity(
      input.value.trim() === '' || isDateText(kind, input.value)
        ? ''
        : texts().invalid(format, EXAMPLES[kind]),
    );
  input.addEventListener('input', check);
  check();
  if (kind === 'time') return { root: input, input };

  const picker = h('input', {
    class: 'date-picker-proxy',
    attrs: { type: kind === 'date' ? 'date' : 'datetime-local', tabindex: '-1', 'aria-hidden': 'true' },
  });
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    input.value = fromPickerValue(picker.value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const open = h('button', {
    class: 'ghost date-calendar',
    title: texts().calendar,
    attrs: { type: 'button', 'aria-label': texts().calendar },
    data: options.testid ? { testid: `${options.testid}-calendar` } : {},
    onClick: () => {
      picker.value = pickerValue(kind, input.value);
      picker.showPicker();
    },
  });
  open.innerHTML = CALENDAR_ICON;
  return { root: h('span', { class: 'date-field' }, input, open, picker), input };
}
