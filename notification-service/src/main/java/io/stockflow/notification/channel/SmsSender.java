package io.stockflow.notification.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * SMS through a Twilio-compatible API: {@code POST {base_url}/2010-04-01/Accounts/{account_sid}/Messages.json},
 * form-encoded {@code To}, {@code From}, {@code Body}, HTTP Basic {@code account_sid:auth_token}, and the delivery
 * id as {@code I-Twilio-Idempotency-Token}. Settings: {@code base_url} (default {@code https://api.twilio.com}),
 * {@code account_sid}, {@code from}; secret: {@code auth_token}.
 */
public class SmsSender implements ChannelSender {

    static final int MAX_LENGTH = 1_600;

    private final GuardedHttpClient http;

    public SmsSender(UrlGuard guard) {
        this.http = new GuardedHttpClient(guard);
    }

    @Override
    public ChannelType type() {
        return ChannelType.SMS;
    }

    @Override
    public DeliveryOutcome send(ChannelConfig channel, String address, Message message) {
        String account = channel.setting("account_sid", null);
        String text = message.subject() + ": " + message.text();
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH - 1) + "…";
        }
        String form = "To=" + encode(address) + "&From=" + encode(channel.setting("from", null)) + "&Body="
                + encode(text);
        String credentials = Base64.getEncoder().encodeToString((account + ":" + channel.secret("auth_token"))
                .getBytes(StandardCharsets.UTF_8));
        return http.exchange(channel.setting("base_url", "https://api.twilio.com") + "/2010-04-01/Accounts/"
                        + encode(account) + "/Messages.json", Map.of(
                        "Content-Type", "application/x-www-form-urlencoded",
                        "Authorization", "Basic " + credentials,
                        "I-Twilio-Idempotency-Token", message.deliveryId().toString()),
                form);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
