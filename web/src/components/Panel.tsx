// A bordered white box with an optional heading and actions: what the dashboard and the sign-in
// page need of a card. The component library's Card also carries its tabs, which would weigh on
// the first screens (scripts/postbuild.mjs); pages with tabs keep using Card.
import type { ReactNode } from 'react';

export interface PanelProps {
  title?: ReactNode;
  extra?: ReactNode;
  children?: ReactNode;
  className?: string;
  testId?: string;
}

export function Panel({ title, extra, children, className, testId }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} data-testid={testId}>
      {(title || extra) && (
        <div className="panel-head">
          <div className="panel-title">{title}</div>
          {extra && <div className="panel-extra">{extra}</div>}
        </div>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
