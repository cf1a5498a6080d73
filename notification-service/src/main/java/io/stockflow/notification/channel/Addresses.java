package io.stockflow.notification.channel;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of recipients' addresses; each answers what is wrong, or nothing. */
public final class Addresses {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private Addresses() {
    }

    /** A single address in strict RFC 822 syntax with a dotted domain. */
    public static Optional<String> email(String address) {
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            String domain = parsed.getAddress().substring(parsed.getAddress().indexOf('@') + 1);
            if (parsed.getPersonal() != null || !domain.contains(".") || domain.endsWith(".")) {
                return Optional.of("must be one plain email address such as planner@example.com");
            }
            return Optional.empty();
        } catch (AddressException | StringIndexOutOfBoundsException bad) {
            return Optional.of("must be one plain email address such as planner@example.com");
        }
    }

    /** An E.164 number: +, a country code not starting with 0, at most 15 digits. */
    public static Optional<String> e164(String number) {
        return number != null && E164.matcher(number).matches() ? Optional.empty()
                : Optional.of("must be an E.164 phone number such as +4915112345678");
    }

    /** An absolute https URL with a host (http only where {@code allowHttp}). */
    public static Optional<String> url(String url, boolean allowHttp) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("https") || allowHttp && scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return Optional.of("must be an absolute https URL with a host and no credentials");
            }
            return Optional.empty();
        } catch (URISyntaxException | NullPointerException bad) {
            return Optional.of("must be an absolute https URL with a host and no credentials");
        }
    }
}
