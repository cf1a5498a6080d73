package io.stockflow.gateway.web;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedProxiesTest {

    private static final TrustedProxies INGRESS = new TrustedProxies(List.of("10.244.0.0/16", "fd00:10::/32"),
            TrustedProxies.Header.X_FORWARDED_FOR);

    private static InetSocketAddress peer(String address) {
        return new InetSocketAddress(TrustedProxies.literal(address), 40000);
    }

    private static HttpHeaders headers(String name, String... lines) {
        HttpHeaders headers = new HttpHeaders();
        for (String line : lines) {
            headers.add(name, line);
        }
        return headers;
    }

    private static String client(TrustedProxies proxies, String peer, HttpHeaders headers) {
        InetAddress client = proxies.clientAddress(peer(peer), headers);
        return client == null ? null : client.getHostAddress();
    }

    /** The client of a request from an ingress pod carrying these X-Forwarded-For lines. */
    private static String viaIngress(String... forwardedFor) {
        return client(INGRESS, "10.244.1.7", headers("X-Forwarded-For", forwardedFor));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        HttpHeaders spoofed = headers("X-Forwarded-For", "1.2.3.4");
        spoofed.add("Forwarded", "for=5.6.7.8");
        assertThat(client(INGRESS, "203.0.113.9", spoofed)).isEqualTo("203.0.113.9");
        TrustedProxies none = new TrustedProxies(List.of(), TrustedProxies.Header.X_FORWARDED_FOR);
        assertThat(none.isEmpty()).isTrue();
        assertThat(client(none, "10.244.1.7", spoofed)).isEqualTo("10.244.1.7");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        assertThat(viaIngress("198.51.100.20")).isEqualTo("198.51.100.20");
        // a client that sends its own X-Forwarded-For only prepends to the chain: the proxy's entry wins
        assertThat(viaIngress("1.2.3.4, 198.51.100.20")).isEqualTo("198.51.100.20");
        // two trusted hops (an outer proxy inside the range), then the client; header lines join in order
        assertThat(viaIngress("6.6.6.6, 198.51.100.20", "10.244.9.9")).isEqualTo("198.51.100.20");
    }

    @Test
    void aTrustedPeerWithoutHeaderIsTheClientAndAnAllTrustedChainEndsAtItsLeftmostHop() {
        assertThat(client(INGRESS, "10.244.1.7", new HttpHeaders())).isEqualTo("10.244.1.7");
        assertThat(viaIngress("10.244.3.3, 10.244.2.2")).isEqualTo("10.244.3.3");
    }

    @Test
    void anUnreadableHopEndsTheWalkAtTheNearestTrustedAddress() {
        assertThat(viaIngress("198.51.100.20, unknown")).isEqualTo("10.244.1.7");
        assertThat(viaIngress("1.2.3.4, garbage, 10.244.2.2")).isEqualTo("10.244.2.2");
        for (String malformed : List.of("", " , ", "999.1.1.1", "1.2.3", "localhost", "example.com",
                "::ffff:zz", "[2001:db8::1", "1.2.3.4.5", "_hidden")) {
            assertThat(viaIngress(malformed)).as(malformed).isEqualTo("10.244.1.7");
        }
    }

    @Test
    void portsAndIpv6AreUnderstood() {
        assertThat(viaIngress("198.51.100.20:51234")).isEqualTo("198.51.100.20");
        assertThat(viaIngress("2001:db8::17")).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(viaIngress("[2001:db8::17]:4711")).isEqualTo("2001:db8:0:0:0:0:0:17");
        // an IPv6 proxy in the trusted range, and an IPv4-mapped client
        assertThat(client(INGRESS, "fd00:10::5", headers("X-Forwarded-For", "::ffff:198.51.100.20")))
                .isEqualTo("198.51.100.20");
        assertThat(client(INGRESS, "fd00:11::5", headers("X-Forwarded-For", "198.51.100.20")))
                .isEqualTo("fd00:11:0:0:0:0:0:5");
    }

    @Test
    void theForwardedHeaderIsReadOnlyWhenConfiguredAndTheOtherIsIgnored() {
        TrustedProxies rfc7239 = new TrustedProxies(List.of("10.244.0.0/16"), TrustedProxies.Header.FORWARDED);
        HttpHeaders both = headers("Forwarded",
                "for=1.2.3.4, for=\"[2001:db8:cafe::17]:4711\";proto=https;by=10.0.0.1");
        both.add("X-Forwarded-For", "6.6.6.6");
        assertThat(client(rfc7239, "10.244.1.7", both)).isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(client(INGRESS, "10.244.1.7", both)).isEqualTo("6.6.6.6");
        // parameter names are case-insensitive; quoted IPv4 with a port; a quoted comma does not split
        assertThat(client(rfc7239, "10.244.1.7", headers("Forwarded", "For=\"198.51.100.20:80\"")))
                .isEqualTo("198.51.100.20");
        assertThat(client(rfc7239, "10.244.1.7", headers("Forwarded", "for=198.51.100.20;x=\"a,b\"",
                "for=10.244.2.2"))).isEqualTo("198.51.100.20");
        // obfuscated, unknown, or no for= at all: unreadable, so the nearest trusted address
        for (String unreadable : List.of("for=_hidden", "for=unknown", "proto=https", "for=\"[::1\"")) {
            assertThat(client(rfc7239, "10.244.1.7", headers("Forwarded", unreadable))).as(unreadable)
                    .isEqualTo("10.244.1.7");
        }
    }

    @Test
    void rangesAreCheckedBitByBit() {
        TrustedProxies narrow = new TrustedProxies(List.of("192.0.2.64/27", "2001:db8::1"),
                TrustedProxies.Header.X_FORWARDED_FOR);
        HttpHeaders forwarded = headers("X-Forwarded-For", "198.51.100.20");
        assertThat(client(narrow, "192.0.2.64", forwarded)).isEqualTo("198.51.100.20");
        assertThat(client(narrow, "192.0.2.95", forwarded)).isEqualTo("198.51.100.20");
        assertThat(client(narrow, "192.0.2.96", forwarded)).isEqualTo("192.0.2.96");
        assertThat(client(narrow, "192.0.2.63", forwarded)).isEqualTo("192.0.2.63");
        assertThat(client(narrow, "2001:db8::1", forwarded)).isEqualTo("198.51.100.20");
        assertThat(client(narrow, "2001:db8::2", forwarded)).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertThat(client(new TrustedProxies(List.of("0.0.0.0/0"), TrustedProxies.Header.X_FORWARDED_FOR),
                "203.0.113.1", forwarded)).isEqualTo("198.51.100.20");
    }

    @Test
    void misconfiguredRangesFailAtStartAndNamesAreNeverLookedUp() {
        for (String bad : List.of("10.0.0.0/33", "10.0.0.0/x", "ingress.local", "10.0.0/8", "fd00::/129")) {
            assertThatThrownBy(() -> new TrustedProxies(List.of(bad), TrustedProxies.Header.X_FORWARDED_FOR))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThat(new TrustedProxies(List.of(" ", ""), TrustedProxies.Header.X_FORWARDED_FOR).isEmpty()).isTrue();
    }

    @Test
    void anUnknownPeerStaysUnknown() {
        assertThat(INGRESS.clientAddress(null, new HttpHeaders())).isNull();
    }
}
