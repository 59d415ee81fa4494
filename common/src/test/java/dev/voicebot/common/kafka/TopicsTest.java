package dev.voicebot.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void aGatewayRouteIsNamedAfterItsInstance() {
        assertThat(Topics.gatewayRoute("gw-0")).isEqualTo("voicebot.gateway.gw-0");
        assertThat(Topics.isGatewayRoute("voicebot.gateway.gw-0")).isTrue();
        assertThat(Topics.isGatewayRoute(Topics.AUDIO_IN)).isFalse();
    }

    @Test
    void rejectsInstanceIdsKafkaCannotName() {
        assertThatThrownBy(() -> Topics.gatewayRoute("gw/0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.gatewayRoute("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharedTopicsNeverIncludeARouteTopic() {
        assertThat(Topics.SHARED).noneMatch(Topics::isGatewayRoute).doesNotHaveDuplicates();
    }
}
