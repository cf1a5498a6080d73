package io.stockflow.notification.channel;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * Email over SMTP with Jakarta Mail. Settings: {@code host}, {@code port}, {@code from}, optional {@code username}
 * and {@code starttls} ({@code true} requires STARTTLS); secret: {@code password}. A plain-text message whose
 * {@code X-Stockflow-Delivery-Id} header carries the delivery id. A refused recipient is permanent; a server that
 * cannot be reached or answers 4xx is retried.
 */
public class EmailSender implements ChannelSender {

    private final GuardedSocketFactory socketFactory;

    public EmailSender(UrlGuard guard) {
        this.socketFactory = new GuardedSocketFactory(guard);
    }

    @Override
    public ChannelType type() {
        return ChannelType.EMAIL;
    }

    @Override
    public DeliveryOutcome send(ChannelConfig channel, String address, Message message) {
        Properties properties = new Properties();
        // The relay is reached only at an address the SSRF guard resolved, judged as it connects.
        properties.put("mail.smtp.socketFactory", socketFactory);
        // Without this, a socket the guard refused would be retried with a plain one.
        properties.put("mail.smtp.socketFactory.fallback", "false");
        properties.put("mail.smtp.host", channel.setting("host", "localhost"));
        properties.put("mail.smtp.port", channel.setting("port", "25"));
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        boolean tls = Boolean.parseBoolean(channel.setting("starttls", "false"));
        properties.put("mail.smtp.starttls.enable", String.valueOf(tls));
        properties.put("mail.smtp.starttls.required", String.valueOf(tls));
        String username = channel.setting("username", null);
        properties.put("mail.smtp.auth", String.valueOf(username != null));
        Session session = Session.getInstance(properties);
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(channel.setting("from", null), true));
            mail.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(address, true));
            mail.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mail.setText(message.text(), StandardCharsets.UTF_8.name());
            mail.setSentDate(new Date());
            mail.setHeader("X-Stockflow-Delivery-Id", message.deliveryId().toString());
            if (username != null) {
                Transport.send(mail, username, channel.secret("password"));
            } else {
                Transport.send(mail);
            }
            return new DeliveryOutcome(true, false, null, null);
        } catch (SendFailedException refused) {
            return DeliveryOutcome.permanent("recipient refused: " + refused.getMessage());
        } catch (MessagingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof UrlGuard.RefusedTarget refused) {
                    return DeliveryOutcome.permanent("refused: " + refused.getMessage());
                }
            }
            return DeliveryOutcome.retryable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
