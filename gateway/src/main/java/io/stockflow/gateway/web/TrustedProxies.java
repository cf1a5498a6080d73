package io.stockflow.gateway.web;

import org.springframework.http.HttpHeaders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who the client is when reverse proxies (the Kubernetes ingress) stand in front of the gateway. A forwarding
 * header is believed only when the TCP peer is one of the configured proxies, since anyone else can write any
 * header; and only the one header those proxies write, since a proxy that appends to {@code X-Forwarded-For}
 * passes a client's own {@code Forwarded} through untouched. The chain is read from the right (the hop nearest
 * to us) past every trusted proxy: the first address that is not a trusted proxy is the client. Everything to its
 * left was written by that client and proves nothing. A hop that cannot be read (obfuscated, {@code unknown},
 * garbage) ends the walk at the nearest trusted address, which the proxies vouch for.
 */
public final class TrustedProxies {

    /** The forwarding header the trusted proxies write. */
    public enum Header {
        /** {@code X-Forwarded-For: client, proxy1, proxy2} (ingress-nginx, most load balancers). */
        X_FORWARDED_FOR,
        /** {@code Forwarded: for=client, for=proxy1} (RFC 7239). */
        FORWARDED
    }

    /** An address range, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a range of one. */
    record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String text) {
            String trimmed = text.trim();
            int slash = trimmed.indexOf('/');
            InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address range: '" + text + "'");
            }
            int bits = address.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP address range: '" + text + "'", e);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range in '" + text + "'");
            }
            return new Cidr(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit += 8) {
                int bitsHere = Math.min(8, prefixLength - bit);
                int mask = (0xff << (8 - bitsHere)) & 0xff;
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})(?::\\d{1,5})?");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");
    /** Starts with a hex digit or a colon and holds one: what the JDK parses as an IPv6 literal, never a name. */
    private static final Pattern IPV6 = Pattern.compile("(?=[^:]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final List<Cidr> proxies;
    private final Header header;

    /**
     * @param proxies CIDRs (or single addresses) of the proxies in front of the gateway; blank entries are ignored
     * @throws IllegalArgumentException when an entry is not an IP address or range (host names are refused: no DNS)
     */
    public TrustedProxies(List<String> proxies, Header header) {
        this.proxies = proxies.stream().filter(p -> !p.isBlank()).map(Cidr::parse).toList();
        this.header = header;
    }

    public boolean isEmpty() {
        return proxies.isEmpty();
    }

    /** @return the client's address, or null when the peer is unknown */
    public InetAddress clientAddress(InetSocketAddress peer, HttpHeaders headers) {
        InetAddress nearest = peer == null ? null : peer.getAddress();
        if (nearest == null || !trusted(nearest)) {
            return nearest;
        }
        List<String> hops = header == Header.FORWARDED ? forwardedFor(headers.get("Forwarded"))
                : xForwardedFor(headers.get("X-Forwarded-For"));
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = node(hops.get(i));
            if (hop == null) {
                return nearest;
            }
            nearest = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return nearest; // every hop is a trusted address: the client is inside, and the leftmost is as far as we see
    }

    private boolean trusted(InetAddress address) {
        for (Cidr proxy : proxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The hops of {@code X-Forwarded-For}, left to right, over all its lines. */
    static List<String> xForwardedFor(List<String> lines) {
        List<String> hops = new ArrayList<>();
        if (lines != null) {
            for (String line : lines) {
                for (String hop : line.split(",", -1)) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }

    /**
     * The {@code for=} node of every element of {@code Forwarded} (RFC 7239), left to right; an element without one
     * is an empty hop (unreadable). Commas and semicolons inside quoted strings do not split.
     */
    static List<String> forwardedFor(List<String> lines) {
        List<String> hops = new ArrayList<>();
        if (lines == null) {
            return hops;
        }
        for (String line : lines) {
            for (String element : splitOutsideQuotes(line, ',')) {
                String node = "";
                for (String pair : splitOutsideQuotes(element, ';')) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("for")) {
                        node = unquote(pair.substring(equals + 1).trim());
                    }
                }
                hops.add(node);
            }
        }
        return hops;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c);
                c = text.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /**
     * One hop: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1}, {@code [2001:db8::1]},
     * {@code [2001:db8::1]:4711}. Anything else ({@code unknown}, {@code _hidden}, names, garbage) is null.
     */
    static InetAddress node(String text) {
        Matcher bracketed = BRACKETED_IPV6.matcher(text);
        if (bracketed.matches()) {
            return literal(bracketed.group(1));
        }
        Matcher ipv4 = IPV4_WITH_PORT.matcher(text);
        return literal(ipv4.matches() ? ipv4.group(1) : text);
    }

    /**
     * An IP address written as one, never looked up: only text already shaped like a dotted quad or an IPv6
     * literal reaches {@link InetAddress#getByName}, which parses such text without asking DNS.
     */
    static InetAddress literal(String text) {
        Matcher ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(ipv4.group(i + 1));
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return address(bytes);
        }
        if (!IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }
}
