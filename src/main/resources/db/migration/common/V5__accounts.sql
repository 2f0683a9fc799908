-- Accounts: the region an account belongs to, for scoping account administration (三员分立).
-- The region of the account's person, copied when the account is created and kept in step when the
-- person moves; NULL for accounts without a person (prod's admin): only ALL-scope security admins see those.

ALTER TABLE account ADD COLUMN home_region_code BIGINT;
CREATE INDEX ix_account_home_region ON account (home_region_code, username);
CREATE INDEX ix_role_grant_role ON role_grant (role, account_id);
