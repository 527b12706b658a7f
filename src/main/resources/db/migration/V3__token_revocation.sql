-- Logout (and later a ban or a password change) revokes every token issued to the user up to that instant:
-- a token is good only if it was issued (epoch ms, the token's own iat_ms claim) after tokens_valid_after.
alter table users add column tokens_valid_after bigint default 0 not null;
