/** Registers every mongoose model, so the connection can create their indexes at start. */
export { OrganizationModel } from './organizations/model';
export { UserModel } from './users/model';
