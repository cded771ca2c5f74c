import { Title, type TitleOrder } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { useRouter } from '../router.js';

interface PageTitleProps {
  children: ReactNode;
  /** Plain text for the browser tab; defaults to the heading when it is a string. */
  documentTitle?: string;
  order?: TitleOrder;
}

/**
 * The page's h1. After an in-app navigation it takes focus, so screen-reader and keyboard users
 * start reading the new page at its heading.
 */
export const PageTitle = ({ children, documentTitle, order = 1 }: PageTitleProps) => {
  const ref = useRef<HTMLHeadingElement>(null);
  const { navigations } = useRouter();
  const text = documentTitle ?? (typeof children === 'string' ? children : undefined);

  useEffect(() => {
    if (text) document.title = `${text} · OpenIOP`;
  }, [text]);

  useEffect(() => {
    if (navigations > 0) ref.current?.focus({ preventScroll: true });
  }, [navigations]);

  return (
    <Title ref={ref} order={order} size="h2" tabIndex={-1} style={{ outline: 'none' }}>
      {children}
    </Title>
  );
};
