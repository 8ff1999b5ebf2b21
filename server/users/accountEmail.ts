/**
 * Which address a new account may have, and what its maker is told when it cannot (issue 16,
 * finding 10; docs/ARCHITECTURE.md, "Accounts and sessions").
 *
 * The secretariat may use any address. An org admin may use only the e-mail domains the secretariat
 * registered for their organisation: the domain is the organisation's claim to who its people are,
 * and the secretariat, which registers organisations, is who vouches for it. With no domain
 * registered, an org admin creates no accounts until the secretariat registers one. Taking the
 * domains of the organisation's existing accounts instead would trust whatever addresses were made
 * before this rule (the very thing it closes) and free-mail domains anyone shares.
 *
 * An address that already has an account: in the admin's own organisation the answer says so (the
 * admin sees those accounts anyway); anywhere else the answer is one and the same, whichever
 * organisation holds it and whether active or not, so an org admin learns nothing about other
 * organisations' accounts. The domain is checked first, so outside the admin's own domains the
 * answer does not even depend on whether the address exists.
 */
import { personaOf, type Actor } from '@shared/domain';
import { conflict, forbidden, type HttpError } from '../http/errors';
import type { OrganizationDocument } from '../organizations/model';
import { UserModel } from './model';

const FIELD = 'body.email';

/** The part after the `@` of an address normalised by the shared `Email` schema. */
export const emailDomainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1);

/** Throw a 403 naming the field unless `actor` may give an account of `org` this address's domain. */
export function checkEmailDomain(actor: Actor, org: Pick<OrganizationDocument, 'emailDomains'>, email: string): void {
  if (personaOf(actor) === 'secretariat') return;
  const domains = org.emailDomains ?? [];
  if (domains.length === 0) {
    throw forbidden('your organisation has no registered e-mail domain yet; ask the secretariat to register one', {
      field: FIELD,
      reason: 'noEmailDomains',
    });
  }
  if (!domains.includes(emailDomainOf(email))) {
    throw forbidden(
      `accounts of your organisation may use only its registered e-mail domains (${domains.join(', ')}); ask the secretariat to register another`,
      {
        field: FIELD,
        reason: 'emailDomainNotRegistered',
      },
    );
  }
}

/** The 409 for an address that already has an account, as `actor` may be told it; null when it is free. */
export async function takenAddressRefusal(actor: Actor, org: Pick<OrganizationDocument, '_id'>, email: string): Promise<HttpError | null> {
  const holder = await UserModel.findOne({ email }, { organization: 1 }).lean();
  if (!holder) return null;
  if (personaOf(actor) === 'secretariat') return conflict('this e-mail address already has an account', FIELD, 'emailTaken');
  if (String(holder.organization) === String(org._id))
    return conflict('this address already has an account in your organisation', FIELD, 'emailInOrganization');
  return conflict('this address cannot be used; contact the secretariat', FIELD, 'emailUnavailable');
}
