package dev.voicebot.e2e;

import dev.voicebot.testsupport.KafkaTestBroker;

/**
 * The test broker ({@link KafkaTestBroker}) in a JVM of its own, so that a benchmark can measure the broker's CPU
 * apart from the load generator's: prints {@value #READY_PREFIX}{@code host:port} once it serves, then runs until
 * killed.
 */
final class BrokerMain {

    static final String READY_PREFIX = "broker ready at ";

    private BrokerMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("kafka.test.broker", "embedded");
        System.out.println(READY_PREFIX + KafkaTestBroker.bootstrapServers());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
