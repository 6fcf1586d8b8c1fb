import { KeyboardEvent, ReactNode, useId, useState } from 'react';

/** The server's message for a group of controls (a fieldset), shown under it. */
export function GroupError({ error }: { error?: string }) {
  return error ? (
    <div className="field__error" role="alert">
      {error}
    </div>
  ) : null;
}

export const toggled = <T,>(list: readonly T[], value: T): T[] => (list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);

/** Checkboxes for a subset of `options`, kept in the order of `options`. */
export function CheckboxGroup<T extends string>(props: {
  legend: string;
  options: readonly T[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  label?: (option: T) => ReactNode;
  error?: string;
  hint?: ReactNode;
}) {
  return (
    <fieldset className={`fieldset ${props.error ? 'fieldset--invalid' : ''}`}>
      <legend>{props.legend}</legend>
      <div className="checks">
        {props.options.map((o) => (
          <label key={o} className="checkbox">
            <input type="checkbox" checked={props.value.includes(o)} onChange={() => props.onChange(props.options.filter((x) => toggled(props.value, o).includes(x)))} />
            {props.label ? props.label(o) : o}
          </label>
        ))}
      </div>
      {props.hint && !props.error && <div className="field__hint">{props.hint}</div>}
      <GroupError error={props.error} />
    </fieldset>
  );
}

/**
 * A list of short values (codes, names) as removable chips, with an input that adds what is typed on Enter or comma;
 * `suggestions` fill the input's completion list.
 */
export function TagInput(props: {
  label: string;
  value: readonly string[];
  onChange: (next: string[]) => void;
  suggestions?: { value: string; label?: string }[];
  onTextChange?: (text: string) => void;
  placeholder?: string;
  error?: string;
  hint?: ReactNode;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const type = (t: string) => {
    setText(t);
    props.onTextChange?.(t);
  };
  const add = () => {
    const fresh = text.split(',').map((s) => s.trim()).filter((s) => s && !props.value.includes(s));
    if (fresh.length) props.onChange([...props.value, ...fresh]);
    type('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !text && props.value.length) {
      props.onChange(props.value.slice(0, -1));
    }
  };
  return (
    <div className={`field ${props.error ? 'field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      <div className="tag-input">
        {props.value.map((v) => (
          <span key={v} className="tag">
            <span className="mono">{v}</span>
            <button type="button" className="tag__remove" aria-label={`Remove ${v} from ${props.label}`} onClick={() => props.onChange(props.value.filter((x) => x !== v))}>
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          list={props.suggestions ? `${id}-list` : undefined}
          value={text}
          placeholder={props.value.length ? '' : props.placeholder}
          onChange={(e) => type(e.target.value)}
          onKeyDown={onKey}
          onBlur={add}
        />
      </div>
      {props.suggestions && (
        <datalist id={`${id}-list`}>
          {props.suggestions.filter((s) => !props.value.includes(s.value)).map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </datalist>
      )}
      {props.hint && !props.error && <div className="field__hint">{props.hint}</div>}
      <GroupError error={props.error} />
    </div>
  );
}
