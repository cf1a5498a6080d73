package io.stockflow.notification.channel;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps webhooks from reaching inside the network (SSRF): a target whose host resolves to any loopback, unspecified,
 * link-local (cloud metadata at 169.254.169.254 included), private (10/8, 172.16/12, 192.168/16), carrier-grade NAT
 * (100.64/10), IPv6 unique-local (fc00::/7) or multicast address is refused, unless an operator allowed it by CIDR
 * or host name. Checked when a subscription or channel is saved, and again by the HTTP channels' own resolver
 * when they connect ({@link GuardedHttpClient}): the addresses checked are the addresses connected to, so DNS
 * rebinding finds no window.
 */
public class UrlGuard {

    /** Resolves host names; tests give their own. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private record Cidr(byte[] network, int bits) {

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final List<Cidr> PRIVATE = List.of(cidr("10.0.0.0/8"), cidr("172.16.0.0/12"),
            cidr("192.168.0.0/16"), cidr("100.64.0.0/10"), cidr("fc00::/7"), cidr("0.0.0.0/8"));

    private final List<Cidr> allowedRanges = new ArrayList<>();
    private final List<String> allowedHosts = new ArrayList<>();
    private final Resolver resolver;

    public UrlGuard(List<String> allowed) {
        this(allowed, InetAddress::getAllByName);
    }

    public UrlGuard(List<String> allowed, Resolver resolver) {
        for (String entry : allowed) {
            if (entry.contains("/")) {
                allowedRanges.add(cidr(entry));
            } else if (!entry.isBlank()) {
                allowedHosts.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        this.resolver = resolver;
    }

    /** Why the URL may not be called, or nothing. */
    public Optional<String> refusal(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException bad) {
            return Optional.of("not a URL");
        }
        if (host == null) {
            return Optional.of("the URL has no host");
        }
        try {
            resolveForConnection(host);
            return Optional.empty();
        } catch (RefusedTarget refused) {
            return Optional.of(refused.getMessage());
        } catch (UnknownHostException unknown) {
            return Optional.of("the host " + bare(host) + " does not resolve");
        }
    }

    /** A host refused because it resolves inside the network. */
    public static final class RefusedTarget extends UnknownHostException {

        RefusedTarget(String message) {
            super(message);
        }
    }

    /**
     * The addresses to connect to for {@code host}, refused as {@link #refusal} refuses them. A client that connects
     * to exactly these (see {@link GuardedAddressResolverGroup}) leaves no window for DNS to change in between.
     */
    InetAddress[] resolveForConnection(String host) throws UnknownHostException {
        String bare = bare(host);
        InetAddress[] addresses = resolver.resolve(bare);
        if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (internal(address) && allowedRanges.stream().noneMatch(range -> range.contains(address))) {
                throw new RefusedTarget("the host " + bare + " resolves to " + address.getHostAddress()
                        + ", a private, loopback or link-local address");
            }
        }
        return addresses;
    }

    private static String bare(String host) {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** Plain http only for targets an operator allowed (e.g. a sink on the same host in tests). */
    public boolean allowsHttp(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) {
                return false;
            }
            String bare = bare(host);
            if (allowedHosts.contains(bare.toLowerCase(Locale.ROOT))) {
                return true;
            }
            for (InetAddress address : resolver.resolve(bare)) {
                if (allowedRanges.stream().noneMatch(range -> range.contains(address))) {
                    return false;
                }
            }
            return !allowedRanges.isEmpty();
        } catch (IllegalArgumentException | UnknownHostException bad) {
            return false;
        }
    }

    static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()
                || PRIVATE.stream().anyMatch(range -> range.contains(address));
    }

    private static Cidr cidr(String text) {
        String[] parts = text.split("/");
        try {
            return new Cidr(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
        } catch (UnknownHostException | NumberFormatException | ArrayIndexOutOfBoundsException bad) {
            throw new IllegalArgumentException("not a CIDR range: " + text, bad);
        }
    }
}
