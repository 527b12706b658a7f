-- Logout (and later a ban or a password change) revokes every token issued to the user up to that instant:
-- a token is good only if it was issued (epoch ms, the token's own iat_ms claim) after tokens_valid_after.
alter table users add column tokens_valid_after bigint default 0 not null;

-- Display names and room names are validated in code points (at most 64); H2 counts UTF-16 units, so 64 emoji
-- need 128 there (PostgreSQL counts characters; twice the limit holds everywhere, as for the message columns).
alter table users alter column display_name set data type varchar(128);
alter table rooms alter column name set data type varchar(128);
