import { Button, Menu } from '@mantine/core';
import { IconArrowsSort, IconCheck } from '@tabler/icons-react';
import { defaultSort, sortOptions } from './lead-filters';

export function SortMenu({ value, onChange }: { value?: string; onChange(sort: string | undefined): void }) {
  const current = value ?? defaultSort;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconArrowsSort size={16} />}>
          Sort
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Order leads by</Menu.Label>
        {sortOptions.map((option) => (
          <Menu.Item
            key={option.value}
            onClick={() => onChange(option.value === defaultSort ? undefined : option.value)}
            rightSection={option.value === current ? <IconCheck size={14} aria-label="current" /> : null}
            fw={option.value === current ? 600 : undefined}
          >
            {option.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
