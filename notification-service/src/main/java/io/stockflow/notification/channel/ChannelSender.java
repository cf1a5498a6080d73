package io.stockflow.notification.channel;

/** Sends one message over one kind of channel. Blocking; never throws for a failed delivery, it returns it. */
public interface ChannelSender {

    ChannelType type();

    DeliveryOutcome send(ChannelConfig channel, String address, Message message);
}
