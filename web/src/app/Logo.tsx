export function Logo({ size = 26 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1c7ed6" />
      <path d="M8 22 L22 8" stroke="#fff" strokeWidth="4" strokeLinecap="round" />
      <circle cx="23.5" cy="23.5" r="3.5" fill="#ffd43b" />
    </svg>
  );
}
