package io.stockflow.notification.channel;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution for the webhook client through {@link UrlGuard}: a host that resolves inside the network fails
 * to resolve, so the connection is made only to addresses that passed the check. Resolution blocks the calling
 * event loop briefly, as Netty's default resolver does.
 */
final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final UrlGuard guard;

    GuardedAddressResolverGroup(UrlGuard guard) {
        this.guard = guard;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                try {
                    promise.setSuccess(guard.resolveForConnection(host)[0]);
                } catch (UnknownHostException refusedOrUnknown) {
                    promise.setFailure(refusedOrUnknown);
                }
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                try {
                    promise.setSuccess(List.of(guard.resolveForConnection(host)));
                } catch (UnknownHostException refusedOrUnknown) {
                    promise.setFailure(refusedOrUnknown);
                }
            }
        }.asAddressResolver();
    }
}
