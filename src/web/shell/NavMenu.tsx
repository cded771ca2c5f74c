import { Badge, NavLink } from '@mantine/core';
import type { MouseEvent } from 'react';
import type { Role } from '../../core/access/roles.js';
import { useRouter } from '../router.js';
import { useInboxCount } from './InboxCount.js';
import { navItemsFor } from './navigation.js';

export const NavMenu = ({ role, onNavigate }: { role: Role; onNavigate?: () => void }) => {
  const { location, navigate } = useRouter();
  const { count } = useInboxCount();
  return (
    <nav aria-label="Main">
      {navItemsFor(role).map((item) => {
        const active = item.matches(location.pathname);
        const showCount = item.badge === 'inbox' && count !== null;
        return (
          <NavLink
            key={item.to}
            href={item.to}
            label={item.label}
            active={active}
            aria-current={active ? 'page' : undefined}
            aria-label={showCount ? `${item.label}, ${count} open alerts` : undefined}
            rightSection={
              showCount && count > 0 ? (
                <Badge size="sm" color="red" variant="filled" aria-hidden>
                  {count}
                </Badge>
              ) : undefined
            }
            onClick={(event: MouseEvent<HTMLAnchorElement>) => {
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
                return;
              event.preventDefault();
              navigate(item.to);
              onNavigate?.();
            }}
          />
        );
      })}
    </nav>
  );
};
