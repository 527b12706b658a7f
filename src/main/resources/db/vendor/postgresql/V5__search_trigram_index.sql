-- Search (PROTOCOL section 13) matches every word as a case-insensitive substring, which Chinese needs. A trigram
-- index (pg_trgm, a trusted extension: the database owner may create it) serves lower(text) LIKE '%word%' without
-- reading every message. PostgreSQL only; H2 scans, which is fine at its scale.
create extension if not exists pg_trgm;
create index messages_text_trgm_ix on messages using gin (lower(text) gin_trgm_ops);
