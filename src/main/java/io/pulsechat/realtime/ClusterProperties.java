package io.pulsechat.realtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Several nodes as one server ({@code chat.cluster.*}; the engine is Redis, in the {@code redis} profile).
 *
 * @param checkInterval how often each room with sessions here is compared with the database's newest revision, to
 *     catch the tail of a room whose last messages never came over the bus
 * @param pollInterval the same check while the bus is down: how late cross-node messages may be then
 * @param presenceLease how long a node's presence entries live in Redis without renewal: a node that dies without a
 *     goodbye has its users leave the others' rooms about this long after
 * @param leaseRenewal how often a node renews its lease; well below the lease, so one late renewal costs nothing
 */
@ConfigurationProperties("chat.cluster")
public record ClusterProperties(
        @DefaultValue("5s") Duration checkInterval,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("15s") Duration presenceLease,
        @DefaultValue("5s") Duration leaseRenewal) {

    public ClusterProperties {
        if (checkInterval.isNegative() || checkInterval.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("chat.cluster.check-interval and poll-interval must be positive");
        }
        if (leaseRenewal.isNegative() || leaseRenewal.isZero() || leaseRenewal.multipliedBy(2).compareTo(presenceLease) > 0) {
            throw new IllegalArgumentException("chat.cluster.lease-renewal (" + leaseRenewal + ") must be positive and at most half"
                    + " of chat.cluster.presence-lease (" + presenceLease + "), or one late renewal ends a live node's presence");
        }
    }
}
