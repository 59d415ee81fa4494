package dev.voicebot.llm.conversation;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A call's timers: idle caller, end of keypad input, maximum duration. They fire on the scheduler
 * thread; the target takes the conversation's lock and checks the timer is still current.
 */
final class CallTimers {

    /** What the timers call. */
    interface Target {
        void idle(Conversation conversation, long generation);

        void keysComplete(Conversation conversation);

        void timeLimit(Conversation conversation);
    }

    private final ScheduledExecutorService scheduler;
    private final Target target;

    CallTimers(ScheduledExecutorService scheduler, Target target) {
        this.scheduler = scheduler;
        this.target = target;
    }

    /** (Re)starts the idle timer; any earlier one becomes stale. Caller holds the lock. */
    void armIdle(Conversation conversation, Duration delay) {
        disarmIdle(conversation);
        long generation = conversation.idleGeneration;
        conversation.idleTimer = scheduler.schedule(
                () -> target.idle(conversation, generation), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the idle timer. Caller holds the lock. */
    void disarmIdle(Conversation conversation) {
        conversation.idleGeneration++;
        if (conversation.idleTimer != null) {
            conversation.idleTimer.cancel(false);
            conversation.idleTimer = null;
        }
    }

    void armKeys(Conversation conversation, Duration delay) {
        if (conversation.dtmfTimer != null) {
            conversation.dtmfTimer.cancel(false);
        }
        conversation.dtmfTimer =
                scheduler.schedule(() -> target.keysComplete(conversation), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} once after {@code delay}; the task takes the lock and checks it is still wanted. */
    void after(Duration delay, Runnable task) {
        scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void armTimeLimit(Conversation conversation, Duration delay) {
        if (conversation.maxDurationTimer != null) {
            conversation.maxDurationTimer.cancel(false);
        }
        conversation.maxDurationTimer = scheduler.schedule(
                () -> target.timeLimit(conversation), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }
}
