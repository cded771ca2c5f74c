import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useLinkProps } from '../router.js';

/** An in-app link styled as text. */
export const TextLink = ({ to, children, ...rest }: { to: string; children: ReactNode } & AnchorProps) => {
  const linkProps = useLinkProps(to);
  return (
    <Anchor {...rest} {...linkProps}>
      {children}
    </Anchor>
  );
};
