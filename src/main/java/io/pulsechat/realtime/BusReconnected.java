package io.pulsechat.realtime;

/** Published when the bus is back after an outage: feeds catch up from the database, the hub re-registers presence. */
record BusReconnected() {
}
