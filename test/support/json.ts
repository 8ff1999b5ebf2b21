/** Shapes of response bodies the tests read. */
import type { Me, User } from '../../shared/schemas/users';
import type { Organization, OrganizationList } from '../../shared/schemas/organizations';
import type { ErrorBody } from '../../shared/schemas/common';

export type { Me, User, Organization, OrganizationList, ErrorBody };
