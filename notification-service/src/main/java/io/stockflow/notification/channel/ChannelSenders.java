package io.stockflow.notification.channel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The sender of every channel type: what deliveries and test messages go out through. */
public class ChannelSenders {

    private final Map<ChannelType, ChannelSender> byType = new EnumMap<>(ChannelType.class);

    public ChannelSenders(List<ChannelSender> senders) {
        senders.forEach(sender -> byType.put(sender.type(), sender));
        if (byType.size() != ChannelType.values().length) {
            throw new IllegalArgumentException("a sender for every channel type, got " + byType.keySet());
        }
    }

    /** Blocking: call it off the event loop. */
    public DeliveryOutcome send(ChannelRepository.StoredChannel channel, String address, Message message) {
        return byType.get(channel.type()).send(channel.config(), address, message);
    }
}
