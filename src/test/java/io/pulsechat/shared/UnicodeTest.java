package io.pulsechat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnicodeTest {

    @Test
    void loneSurrogatesAreNotWellFormed() {
        assertThat(Unicode.isWellFormed("plain, 中文, \uD83D\uDE00")).isTrue();
        assertThat(Unicode.isWellFormed("")).isTrue();
        assertThat(Unicode.isWellFormed("x\uD800y")).isFalse();
        assertThat(Unicode.isWellFormed("\uD800")).as("high at the end").isFalse();
        assertThat(Unicode.isWellFormed("\uDC00x")).as("low alone").isFalse();
        assertThat(Unicode.isWellFormed("\uDE00\uD83D")).as("reversed pair").isFalse();
        assertThat(Unicode.isWellFormed("\uD83D\uD83D\uDE00")).as("high before a pair").isFalse();
    }

    @Test
    void lengthsCountCodePoints() {
        assertThat(Unicode.length("\uD83D\uDE00".repeat(64))).isEqualTo(64);
        assertThat(Unicode.lengthWithin("\uD83D\uDE00".repeat(64), 1, 64)).isTrue();
        assertThat(Unicode.lengthWithin("\uD83D\uDE00".repeat(65), 1, 64)).isFalse();
        assertThat(Unicode.lengthWithin(null, 0, 1)).isFalse();
    }

    @Test
    void addressesAreKeyedByIpv4OrIpv6Slash64() {
        assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("2001:db8:1:2:aaaa::1")).isEqualTo(ClientAddress.key("2001:db8:1:2:bbbb::9"));
        assertThat(ClientAddress.key("2001:db8:1:2::1")).isNotEqualTo(ClientAddress.key("2001:db8:1:3::1"));
        assertThat(ClientAddress.key("0:0:0:0:0:0:0:1")).isEqualTo(ClientAddress.key("::1"));
        assertThat(ClientAddress.key(null)).isEqualTo("unknown");
    }
}
