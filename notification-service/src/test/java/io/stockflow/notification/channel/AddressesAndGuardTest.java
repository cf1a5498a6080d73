package io.stockflow.notification.channel;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesAndGuardTest {

    @Test
    void emailAddresses() {
        assertThat(Addresses.email("planner@example.com")).isEmpty();
        assertThat(Addresses.email("first.last+alerts@shop.co.uk")).isEmpty();
        for (String bad : List.of("planner", "planner@localhost", "a@b@example.com", "Planner <p@example.com>",
                "p@example.com, q@example.com", "")) {
            assertThat(Addresses.email(bad)).as(bad).isPresent();
        }
    }

    @Test
    void phoneNumbersAreE164() {
        assertThat(Addresses.e164("+4915112345678")).isEmpty();
        assertThat(Addresses.e164("+15005550006")).isEmpty();
        for (String bad : List.of("015112345678", "+0151123", "+49 151 12345678", "+1234567890123456", "+")) {
            assertThat(Addresses.e164(bad)).as(bad).isPresent();
        }
    }

    @Test
    void urlsAreAbsoluteHttpsWithoutCredentials() {
        assertThat(Addresses.url("https://ops.example.com/hook", false)).isEmpty();
        assertThat(Addresses.url("http://ops.example.com/hook", false)).isPresent();
        assertThat(Addresses.url("http://ops.example.com/hook", true)).isEmpty();
        assertThat(Addresses.url("https://user:pw@ops.example.com/hook", false)).isPresent();
        assertThat(Addresses.url("ftp://ops.example.com/", false)).isPresent();
        assertThat(Addresses.url("/relative", false)).isPresent();
    }

    @Test
    void privateLoopbackAndLinkLocalTargetsAreRefusedUnlessAllowed() throws Exception {
        UrlGuard guard = new UrlGuard(List.of(), host -> switch (host) {
            case "internal.example.com" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
            case "mixed.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34"),
                    InetAddress.getByName("192.168.1.1")};
            case "ops.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.216.34")};
            default -> InetAddress.getAllByName(host);
        });
        for (String target : List.of("https://127.0.0.1/x", "https://10.0.0.1/x", "https://172.20.1.1/x",
                "https://192.168.0.10/x", "https://169.254.169.254/latest/meta-data", "https://[::1]/x",
                "https://[fd00::1]/x", "https://100.64.1.1/x", "https://0.0.0.0/x", "https://internal.example.com/x",
                "https://mixed.example.com/x")) {
            assertThat(guard.refusal(target)).as(target).isPresent();
        }
        assertThat(guard.refusal("https://ops.example.com/hook")).isEmpty();

        UrlGuard operator = new UrlGuard(List.of("10.0.0.0/8", "hooks.internal"), host -> {
            if (host.equals("hooks.internal")) {
                return new InetAddress[] {InetAddress.getByName("192.168.5.5")};
            }
            if (host.endsWith(".invalid")) {
                throw new UnknownHostException(host);
            }
            return InetAddress.getAllByName(host); // literal addresses: no lookup
        });
        assertThat(operator.refusal("https://10.9.9.9/x")).isEmpty();
        assertThat(operator.refusal("https://hooks.internal/x")).isEmpty();
        assertThat(operator.refusal("https://192.168.5.5/x")).isPresent();
        assertThat(operator.refusal("https://nowhere.invalid/x")).get().asString().contains("does not resolve");
        assertThat(operator.allowsHttp("http://10.9.9.9/x")).isTrue();
        assertThat(operator.allowsHttp("http://8.8.8.8/x")).isFalse();
    }
}
