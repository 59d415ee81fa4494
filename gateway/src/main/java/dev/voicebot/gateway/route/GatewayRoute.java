package dev.voicebot.gateway.route;

import dev.voicebot.common.kafka.Topics;

/**
 * This instance's route: the topic only it reads, named in the route header of every record of its
 * calls, so that workers send the calls' audio and commands back here.
 */
public record GatewayRoute(String topic) {

    public static GatewayRoute forInstance(String instanceId) {
        return new GatewayRoute(Topics.gatewayRoute(instanceId));
    }
}
