import { Text, type TextProps, Tooltip } from '@mantine/core';
import { formatRelative } from '../api/format';

/** "3 h ago", with the exact moment in a tooltip and in the markup. */
export function RelativeTime({ at, ...props }: { at: string } & TextProps) {
  return (
    <Tooltip label={new Date(at).toLocaleString()} openDelay={300}>
      <Text component="time" dateTime={at} size="sm" {...props}>
        {formatRelative(at)}
      </Text>
    </Tooltip>
  );
}
