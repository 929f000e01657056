import { useEffect, useRef, type ReactNode } from 'react';

let firstPage = true;

/**
 * Every page renders its content in a Page: it sets the document title and the one <h1>, and moves
 * focus to the heading after a client-side navigation so screen readers announce the new page.
 */
export function Page({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Concordia`;
  }, [title]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  );
}
