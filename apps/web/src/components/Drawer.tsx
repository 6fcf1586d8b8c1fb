import { ReactNode, useEffect, useId } from 'react';

/** A panel over the right of the page, for the detail of a row; Escape or a click beside it closes it. */
export function Drawer(props: { title: ReactNode; meta?: ReactNode; onClose: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean }) {
  const titleId = useId();
  const { onClose } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="drawer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <aside className={`drawer ${props.wide ? 'drawer--wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <div className="drawer__header">
          <div>
            <h2 id={titleId}>{props.title}</h2>
            {props.meta && <div className="meta-row muted">{props.meta}</div>}
          </div>
          <button type="button" className="modal__close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
        <div className="drawer__body">{props.children}</div>
        {props.footer && <div className="drawer__footer">{props.footer}</div>}
      </aside>
    </div>
  );
}
