package dev.voicebot.simulator;

/** Entry point of the Exotel stand-in. */
public final class Simulator {

    private Simulator() {}

    public static void main(String[] args) {
        System.out.println("voicebot simulator");
    }
}
