/** One id per form submission, so a retried or double-tapped submit is stored once. */
export function newRequestId(): string {
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `mp-${Date.now().toString(36)}-${random}`;
}
