import { describeServiceSchema } from '@pacjent/testing';
import { IdentityDatabase } from './database';

describeServiceSchema(IdentityDatabase, (dataSource) => {
  it('lets the database refuse an email that is not normalised and an unknown role', async () => {
    const insert = (email: string, roles: string) =>
      dataSource().query(
        `INSERT INTO "identity"."accounts" (email, password_hash, first_name, last_name, roles, terms_accepted_at, created_at)
         VALUES ($1, 'x', 'Jan', 'Kowalski', $2, now(), now())`,
        [email, roles],
      );
    await expect(insert('Jan@Example.com', '{patient}')).rejects.toThrow(/CHK_accounts_email_normalised/);
    await expect(insert('jan@example.com', '{admin}')).rejects.toThrow(/CHK_accounts_roles/);
    await expect(insert('jan@example.com', '{patient}')).resolves.toBeDefined();
  });
});
