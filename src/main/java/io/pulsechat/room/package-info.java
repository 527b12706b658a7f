/** Rooms: listing, creating, and the always-present {@code lobby}. */
package io.pulsechat.room;
