package dev.voicebot.tts.text;

/** Which characters a voice can pronounce. */
public enum VoiceAlphabet {
    /** Multilingual cloud voices: letters and digits of any script. */
    ANY_SCRIPT,
    /** English-only engines (MaryTTS cmu-slt): ASCII letters, digits and punctuation. */
    LATIN
}
