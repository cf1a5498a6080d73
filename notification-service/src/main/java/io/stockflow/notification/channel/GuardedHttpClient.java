package io.stockflow.notification.channel;

import io.netty.channel.ChannelOption;
import io.netty.util.NetUtil;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP client of every HTTP channel (webhook, SMS API, FCM and its token endpoint): names are resolved through
 * the {@link UrlGuard}, so the addresses checked are the addresses connected to and DNS rebinding finds no window;
 * connect 5 s, answer 10 s; redirects are not followed. Reactor Netty connects to an IP-literal host without asking
 * the resolver, so those are judged here before the call.
 */
final class GuardedHttpClient {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** An answer: its status and body. */
    record Answer(int status, String body) {
    }

    private final UrlGuard guard;
    private final HttpClient http;

    GuardedHttpClient(UrlGuard guard) {
        this.guard = guard;
        this.http = HttpClient.create()
                .resolver(new GuardedAddressResolverGroup(guard))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(REQUEST_TIMEOUT)
                .followRedirect(false);
    }

    /**
     * @throws UrlGuard.RefusedTarget when the host resolves inside the network
     * @throws IOException            when no answer came (connection refused, reset, timeout)
     */
    Answer post(String url, Map<String, String> headers, String body) throws IOException {
        judgeLiteralHost(url);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            return http.headers(out -> {
                        headers.forEach(out::set);
                        out.set("Content-Length", bytes.length);
                    })
                    .post().uri(url)
                    .send((request, out) -> out.sendByteArray(Mono.just(bytes)))
                    .responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                            .defaultIfEmpty("").map(text -> new Answer(response.status().code(), text)))
                    .block(REQUEST_TIMEOUT.plus(Duration.ofSeconds(10)));
        } catch (RuntimeException failed) {
            for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
                if (cause instanceof UrlGuard.RefusedTarget refused) {
                    throw refused;
                }
            }
            throw new IOException(failed.getClass().getSimpleName() + ": " + failed.getMessage(), failed);
        }
    }

    private void judgeLiteralHost(String url) throws UrlGuard.RefusedTarget {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException malformed) {
            throw new UrlGuard.RefusedTarget("not a URL: " + url);
        }
        if (host == null) {
            throw new UrlGuard.RefusedTarget("the URL has no host: " + url);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)) {
            try {
                guard.resolveForConnection(bare);
            } catch (UrlGuard.RefusedTarget refused) {
                throw refused;
            } catch (java.net.UnknownHostException impossible) {
                throw new UrlGuard.RefusedTarget("not an address: " + bare);
            }
        }
    }

    /** The call as a delivery outcome: refused targets fail for good, no answer is retried, answers by status. */
    DeliveryOutcome exchange(String url, Map<String, String> headers, String body) {
        try {
            Answer answer = post(url, headers, body);
            return DeliveryOutcome.ofHttp(answer.status(), answer.body());
        } catch (UrlGuard.RefusedTarget refused) {
            return DeliveryOutcome.permanent("refused: " + refused.getMessage());
        } catch (IOException noAnswer) {
            return DeliveryOutcome.retryable(noAnswer.getMessage());
        }
    }
}
