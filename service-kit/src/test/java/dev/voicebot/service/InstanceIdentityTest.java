package dev.voicebot.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceIdentityTest {

    @Test
    void aConfiguredIdWins() {
        assertThat(InstanceIdentity.resolve(" gateway-7 ", "8765").id()).isEqualTo("gateway-7");
    }

    @Test
    void withoutOneTheFixedPortNamesTheInstance() {
        assertThat(InstanceIdentity.resolve("", "8765").id()).endsWith("-8765");
    }

    @Test
    void instancesOnPortsChosenAtStartGetDistinctNames() {
        String first = InstanceIdentity.resolve(null, "0").id();
        String second = InstanceIdentity.resolve(null, "0").id();
        assertThat(first).doesNotEndWith("-0").isNotEqualTo(second);
        assertThat(new InstanceIdentity(first).id()).isEqualTo(first);
    }

    @Test
    void refusesAnIdThatCannotNameATopic() {
        assertThatThrownBy(() -> InstanceIdentity.resolve("gateway/7", "8765"))
                .hasMessageContaining("VOICEBOT_INSTANCE_ID");
    }
}
