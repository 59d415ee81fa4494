package dev.voicebot.simulator.cli;

/** The command line could not be understood; the message says why. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
