package io.pulsechat.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key that per-address limits count under: the client's IPv4 address, or the /64 network of an IPv6 one (one
 * subscriber usually holds a whole /64, so counting single IPv6 addresses would be no limit at all).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** The key for {@code request.getRemoteAddr()} (which {@code server.forward-headers-strategy} makes the real client). */
    public static String key(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.isBlank()) {
            return "unknown";
        }
        if (remoteAddr.indexOf(':') < 0) {
            return remoteAddr;
        }
        try {
            // an IP literal: getByName parses it and asks no resolver
            byte[] bytes = InetAddress.getByName(remoteAddr.replace("[", "").replace("]", "")).getAddress();
            if (bytes.length == 16) {
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return remoteAddr.length() > 64 ? remoteAddr.substring(0, 64) : remoteAddr;
        }
    }
}
