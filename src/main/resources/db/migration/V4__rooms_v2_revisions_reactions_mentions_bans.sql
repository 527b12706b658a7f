-- Version 2 of the contract (PROTOCOL sections 9 to 14). Keeps every row that is there: existing rooms become
-- public, existing users members of lobby and of the rooms they have written in, existing messages keep their ids
-- and get revisions equal to them, the earliest account becomes the admin (the first account on an empty server).

-- Room kinds, topics, creators and the room's revision counter: every change (new message, edit, delete, reaction)
-- takes last_rev + 1 under the room row's lock, like message ids, so revisions follow commit order on any node.
alter table rooms add column kind varchar(8) default 'public' not null;
alter table rooms add column topic varchar(500) default '' not null; -- 250 code points
alter table rooms add column created_by varchar(36);
alter table rooms add column last_rev bigint default 0 not null;
-- a direct room's two users, sorted and joined with '|': the same room every time, whoever asks
alter table rooms add column direct_key varchar(80);
create unique index rooms_direct_key_uk on rooms (direct_key);
create index rooms_kind_ix on rooms (kind, id);
update rooms set last_rev = last_message_id;

-- Membership is per user; role is owner or member. last_read: the newest message id the user has read there.
create table room_members (
    room_id   varchar(32) not null references rooms (id),
    user_id   varchar(36) not null references users (id),
    role      varchar(8)  default 'member' not null,
    joined_at bigint      not null,
    last_read bigint      default 0 not null,
    primary key (room_id, user_id)
);
create index room_members_user_ix on room_members (user_id);

insert into room_members (room_id, user_id, role, joined_at, last_read)
select m.room_id, m.user_id, 'member', min(m.ts), max(m.id) from messages m group by m.room_id, m.user_id;
insert into room_members (room_id, user_id, role, joined_at, last_read)
select 'lobby', u.id, 'member', u.created_at, 0 from users u
where exists (select 1 from rooms r where r.id = 'lobby')
  and not exists (select 1 from room_members rm where rm.room_id = 'lobby' and rm.user_id = u.id);

-- Messages: the revision of their latest change, edits, tombstones, replies.
alter table messages add column rev bigint default 0 not null;
alter table messages add column edited_at bigint;
alter table messages add column deleted boolean default false not null;
alter table messages add column reply_to bigint;
update messages set rev = id;
create index messages_rev_ix on messages (room_id, rev);
create index messages_user_ix on messages (user_id);

-- Who a message mentions (section 12); @room is expanded to the members at the time of sending.
create table message_mentions (
    room_id    varchar(32) not null,
    message_id bigint      not null,
    user_id    varchar(36) not null,
    primary key (room_id, message_id, user_id),
    foreign key (room_id, message_id) references messages (room_id, id)
);
create index message_mentions_user_ix on message_mentions (user_id, room_id, message_id);

-- Reactions (section 11): one row per user and emoji on a message, in the order they were given.
create table reactions (
    room_id    varchar(32) not null,
    message_id bigint      not null,
    emoji      varchar(64) not null, -- 16 code points
    user_id    varchar(36) not null references users (id),
    created_at bigint      not null,
    primary key (room_id, message_id, emoji, user_id),
    foreign key (room_id, message_id) references messages (room_id, id)
);

-- Accounts: admins (section 14) and bans.
alter table users add column admin boolean default false not null;
alter table users add column banned_at bigint;
update users set admin = true where id = (select id from users order by created_at, id limit 1);
