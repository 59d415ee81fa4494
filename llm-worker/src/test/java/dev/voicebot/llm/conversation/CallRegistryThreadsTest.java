package dev.voicebot.llm.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicebot.llm.kafka.StateTopicReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A partition moving between two consumer threads of one worker (it happens when a rebalance
 * reorders the members, e.g. after a broker restart): the thread that gave it up must not drop the
 * call the other has taken, in either order of their rebalance callbacks.
 */
class CallRegistryThreadsTest {

    private static final int PARTITION = 1;

    private final ExecutorService threadA = Executors.newSingleThreadExecutor();
    private final ExecutorService threadB = Executors.newSingleThreadExecutor();
    private final List<Conversation> dropped = new ArrayList<>();
    private final CallRegistry calls = new CallRegistry(
            new StateTopicReader(() -> null, Duration.ofHours(1), Duration.ofSeconds(1), Clock.systemUTC()),
            restored -> {},
            dropped::add);

    @AfterEach
    void stop() {
        threadA.shutdownNow();
        threadB.shutdownNow();
    }

    @Test
    void aCallTakenByAnotherThreadIsNotDroppedByTheThreadThatGaveItUp() throws Exception {
        Conversation held = on(threadA, () -> calls.obtain("CA-1", PARTITION, this::fresh));
        on(threadA, () -> calls.release(Set.of(PARTITION)));

        Conversation taken = on(threadB, () -> calls.obtain("CA-1", PARTITION, this::fresh));
        on(threadA, () -> {
            calls.keepOwned(Set.of());
            return null;
        });

        assertThat(taken).as("the other thread took the call as it was").isSameAs(held);
        assertThat(dropped).isEmpty();
        assertThat(calls.get("CA-1")).isSameAs(held);
    }

    @Test
    void aCallDroppedBeforeTheOtherThreadAsksForItIsMadeAgainThere() throws Exception {
        on(threadA, () -> calls.obtain("CA-1", PARTITION, this::fresh));
        on(threadA, () -> calls.release(Set.of(PARTITION)));
        on(threadA, () -> {
            calls.keepOwned(Set.of());
            return null;
        });

        Conversation again = on(threadB, () -> calls.obtain("CA-1", PARTITION, this::fresh));
        on(threadA, () -> {
            calls.dropPartitions(Set.of(PARTITION));
            return null;
        });

        assertThat(dropped).hasSize(1);
        assertThat(calls.get("CA-1"))
                .as("thread A's lost partition is not thread B's call")
                .isSameAs(again);
    }

    private Conversation fresh() {
        return new Conversation(CallContext.unknown("CA-1", "voicebot.gateway.gw-1", 8000, 0));
    }

    private static <T> T on(ExecutorService thread, Callable<T> work) throws Exception {
        return thread.submit(work).get();
    }
}
