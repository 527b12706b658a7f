-- Search (PROTOCOL section 13) matches every word as a case-insensitive substring, which Chinese needs. A trigram
-- index (pg_trgm, a trusted extension: the database owner may create it) serves lower(text) LIKE '%word%' without
-- reading every message. PostgreSQL only; H2 scans, which is fine at its scale.
-- The extension may already exist in another schema of the database: its operator class is named with that schema.
create extension if not exists pg_trgm with schema public;
do $$
declare
    trgm_schema text;
begin
    select n.nspname into trgm_schema
    from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm';
    execute format('create index messages_text_trgm_ix on messages using gin (lower(text) %I.gin_trgm_ops)', trgm_schema);
end
$$;
