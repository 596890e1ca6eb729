import { ActionIcon, Alert, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconShieldLock } from '@tabler/icons-react';

/** A secret shown exactly once, with a copy button and a plain warning. */
export function SecretReveal({ label, secret }: { label: string; secret: string }) {
  return (
    <Alert color="yellow" icon={<IconShieldLock size={18} />} title={label}>
      <Group gap="xs" wrap="nowrap" mt={4}>
        <Code data-testid="revealed-secret" style={{ wordBreak: 'break-all', fontSize: 13 }}>
          {secret}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'}>
              <ActionIcon variant="subtle" onClick={copy} aria-label="Copy to clipboard">
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      It will not be shown again: copy it now and keep it somewhere safe.
    </Alert>
  );
}
