-- Search (PROTOCOL section 13) at a million messages (issue 10). PostgreSQL only; H2 keeps scanning.
-- 1. A word of two characters (most Chinese words) holds no trigram, so the trigram index of V5 cannot narrow
--    lower(text) LIKE '%设计%' and reads all of itself. Its bigrams can: every two-character substring of the
--    lowercased text, in a GIN index. The search adds search_bigrams(lower(text)) @> array[word] beside the LIKE,
--    which stays the rule. (Pairs with a space are indexed too; no query asks for them, as words hold no space.)
create function search_bigrams(t text) returns text[] language sql immutable strict parallel safe
    as $$ select array(select substr(t, i, 2) from generate_series(1, char_length(t) - 1) i) $$;
create index messages_text_bigram_ix on messages using gin (search_bigrams(lower(text)));
-- 2. Newest first across rooms: the search reads the newest messages first on this index (in the order of its
--    ORDER BY) and stops once the page is full, so a common word costs little whatever the history's size.
create index messages_ts_ix on messages (ts desc, room_id, id desc);
