package io.stockflow.notification.channel;

/** The ways a message leaves Stockflow. */
public enum ChannelType {
    EMAIL, SMS, WEBHOOK, PUSH
}
