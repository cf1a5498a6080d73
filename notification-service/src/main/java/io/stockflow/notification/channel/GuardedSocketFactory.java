package io.stockflow.notification.channel;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * Plain sockets that connect only to an address the {@link UrlGuard} resolved for the host asked for, whatever
 * address the caller resolved itself. Jakarta Mail takes it as {@code mail.smtp.socketFactory}: it creates an
 * unconnected socket and connects it to {@code new InetSocketAddress(relay, port)}, so the relay is judged and
 * reached in one resolution (STARTTLS is layered on this socket and resolves nothing).
 */
final class GuardedSocketFactory extends SocketFactory {

    private final UrlGuard guard;

    GuardedSocketFactory(UrlGuard guard) {
        this.guard = guard;
    }

    @Override
    public Socket createSocket() {
        return new GuardedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(InetSocketAddress.createUnresolved(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(InetSocketAddress.createUnresolved(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(SocketAddress target, SocketAddress local) throws IOException {
        Socket socket = createSocket();
        try {
            if (local != null) {
                socket.bind(local);
            }
            socket.connect(target);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private final class GuardedSocket extends Socket {

        /** Every connect (the one-argument form too) ends here. */
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target)) {
                throw new IllegalArgumentException("not an internet address: " + endpoint);
            }
            // The host name as asked for (or the literal address), not what the caller may have resolved.
            InetAddress checked = guard.resolveForConnection(target.getHostString())[0];
            super.connect(new InetSocketAddress(checked, target.getPort()), timeout);
        }
    }
}
