/**
 * An e-mail address that breaks, when it must, only before its @: the local part and the domain
 * each stay whole (a break inside either reads as two addresses, or as a typo).
 */
export function EmailAddress({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  if (at <= 0) return <span className="nowrap">{email}</span>;
  return (
    <span>
      <span className="nowrap">{email.slice(0, at)}</span>
      <wbr />
      <span className="nowrap">{email.slice(at)}</span>
    </span>
  );
}
