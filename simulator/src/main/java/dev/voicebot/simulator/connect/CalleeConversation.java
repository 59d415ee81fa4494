package dev.voicebot.simulator.connect;

import dev.voicebot.simulator.SimulatedCall;
import java.time.Duration;

/**
 * The answering person on the bot's socket: listens, says the script's lines, and hangs up or waits for the bot to
 * close the socket, all within the call's time limit, after which the call is cut ({@code stop}/{@code callended}).
 */
final class CalleeConversation {

    private final SimulatedCall socket;
    private final CalleeScript script;

    CalleeConversation(SimulatedCall socket, CalleeScript script) {
        this.socket = socket;
        this.script = script;
    }

    void run(Duration timeLimit) throws InterruptedException {
        Thread limit = Thread.ofPlatform().daemon().name("exotel-time-limit").start(() -> cutAfter(timeLimit));
        try {
            talk(timeLimit);
        } finally {
            limit.interrupt();
        }
    }

    private void talk(Duration timeLimit) throws InterruptedException {
        awaitReply();
        for (String line : script.lines()) {
            if (!socket.isOpen()) {
                return;
            }
            try {
                socket.speak(line);
            } catch (IllegalStateException e) {
                return; // the call ended while the line was being queued
            }
            socket.awaitCallerIdle(timeLimit);
            awaitReply();
        }
        if (!socket.isOpen()) {
            return;
        }
        if (script.hangUpAtEnd()) {
            hangUp();
        } else {
            socket.awaitClose(timeLimit);
        }
    }

    private void awaitReply() throws InterruptedException {
        socket.awaitBotReply(script.waitForBot(), script.quiet(), script.maxReply());
    }

    private void cutAfter(Duration timeLimit) {
        try {
            Thread.sleep(timeLimit);
            if (socket.isOpen()) {
                hangUp();
            }
        } catch (InterruptedException e) {
            // the conversation ended first
        }
    }

    private void hangUp() throws InterruptedException {
        try {
            socket.hangUp();
        } catch (IllegalStateException e) {
            // the bot closed the socket at the same moment
        }
    }
}
