-- The server validates lengths in characters (Unicode code points): text 1..4000, client_msg_id 1..64,
-- attachment name 1..255 and type 1..127. PostgreSQL's varchar(n) counts code points too, but H2 counts
-- UTF-16 units, so 4000 emoji (8000 units) failed the insert after validation passed and the session
-- was closed with 1011. Twice the length holds any string of n code points in either database.
alter table messages alter column text set data type varchar(8000);
alter table messages alter column client_msg_id set data type varchar(128);
alter table attachments alter column name set data type varchar(510);
alter table attachments alter column content_type set data type varchar(254);
