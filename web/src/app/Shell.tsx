import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuilding,
  IconChevronDown,
  IconCurrencyDollar,
  IconHome,
  IconLogout,
  IconSettings,
  IconUser,
  IconUsers,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { post } from '../api/client';
import { type Me, roleLabels } from '../api/types';
import { areas } from '../features/areas/areas';
import { LiveNotifications } from './LiveNotifications';
import { Logo } from './Logo';

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const displayName = me.user?.name ?? 'API key';

  const signOut = async () => {
    await post('/api/auth/logout');
    // Forget everything cached for this user, but keep the (now empty) `me` query its observers watch.
    queryClient.setQueryData(['me'], null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
    navigate('/');
  };

  const isActive = (path: string) => (path === '/' ? location.pathname === '/' : location.pathname.startsWith(path));
  const links = [
    { path: '/', label: 'Overview', icon: IconHome },
    { path: '/leads', label: 'Leads', icon: IconUsers },
    { path: '/companies', label: 'Companies', icon: IconBuilding },
    { path: '/deals', label: 'Deals', icon: IconCurrencyDollar },
    ...areas.filter((area) => area.roles.includes(me.role)),
    { path: '/settings', label: 'Settings', icon: IconSettings },
  ];

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, textDecoration: 'none' }}>
              <Logo />
              <Text fw={700} size="lg" c="dark">
                Baton
              </Text>
            </Link>
            <Text c="dimmed" size="sm" visibleFrom="xs" truncate>
              {me.workspace.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {me.principal === 'user' && <LiveNotifications />}
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label="Account menu">
                  <Group gap={8} wrap="nowrap">
                    <Avatar size={30} radius="xl" color="blue">
                      {initials(displayName)}
                    </Avatar>
                    <div style={{ lineHeight: 1.1 }}>
                      <Text size="sm" fw={500} visibleFrom="xs">
                        {displayName}
                      </Text>
                      <Text size="xs" c="dimmed" visibleFrom="xs">
                        {roleLabels[me.role]}
                      </Text>
                    </div>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.user?.email}</Menu.Label>
                <Menu.Item leftSection={<IconUser size={16} />} component={Link} to="/settings/account">
                  Account
                </Menu.Item>
                <Menu.Item leftSection={<IconLogout size={16} />} onClick={signOut}>
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <ScrollArea>
          {links.map((link) => (
            <NavLink
              key={link.path}
              component={Link}
              to={link.path}
              label={link.label}
              leftSection={<link.icon size={18} stroke={1.6} />}
              active={isActive(link.path)}
              onClick={close}
              style={{ borderRadius: 8 }}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}
