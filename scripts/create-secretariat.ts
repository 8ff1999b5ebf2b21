/**
 * `npm run create-secretariat -- --email a@b.go.jp --name "氏名"`: create a secretariat account
 * (the way production gets its first one; demo accounts are never created there). The password is
 * taken from SECRETARIAT_PASSWORD, or generated and printed once.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@server/config';
import { hashPassword, temporaryPassword } from '@server/auth/password';
import { withDatabase } from '@server/db/start';
import { openAuditLog, recordAudit } from '@server/audit/log';
import { OrganizationModel } from '@server/organizations/model';
import { SECRETARIAT_KEY, seedCouncil } from '@server/seed/seed';
import { UserModel } from '@server/users/model';
import { Email, NewPassword } from '@shared/schemas/common';
import { DisplayName } from '@shared/schemas/users';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const email = Email.safeParse(values.email ?? '');
const name = DisplayName.safeParse(values.name ?? '');
if (!email.success || !name.success) {
  console.error('usage: npm run create-secretariat -- --email <address> --name <display name>');
  process.exit(2);
}
const given = process.env.SECRETARIAT_PASSWORD;
if (given !== undefined && !NewPassword.safeParse(given).success) {
  console.error('SECRETARIAT_PASSWORD: must be 12 to 200 characters');
  process.exit(2);
}
const password = given ?? temporaryPassword();

const config = loadConfig();
await withDatabase(config, async () => {
  const audit = openAuditLog({ dataDir: config.DATA_DIR });
  await seedCouncil({ demo: false });
  const secretariat = await OrganizationModel.findOne({ key: SECRETARIAT_KEY });
  if (!secretariat) throw new Error('secretariat organisation missing');
  if (await UserModel.exists({ email: email.data })) {
    console.error(`an account for ${email.data} already exists`);
    process.exitCode = 1;
  } else {
    const created = await UserModel.create({
      email: email.data,
      displayName: name.data,
      role: 'secretariat',
      organization: secretariat._id,
      passwordHash: await hashPassword(password),
    });
    // As account creation through the API is: on the record (from the system, by nobody signed in).
    await recordAudit({
      actor: null,
      action: 'account.created',
      target: { kind: 'user', id: String(created._id), label: email.data },
      detail: { role: 'secretariat', via: 'create-secretariat' },
    });
    console.log(`created secretariat account ${email.data}`);
    if (given === undefined) console.log(`temporary password (shown once): ${password}`);
  }
  await audit.close();
});
