package dev.voicebot.tts.worker;

import dev.voicebot.tts.text.SentenceSplitter;
import dev.voicebot.tts.text.SpeakableText;
import dev.voicebot.tts.text.VoiceAlphabet;
import java.util.List;

/** A segment's text made speakable for the voice and cut into pieces at sentence boundaries. */
public final class TextPreparer {

    private final SentenceSplitter splitter;

    public TextPreparer(int maxPieceChars) {
        this.splitter = new SentenceSplitter(maxPieceChars);
    }

    public List<String> pieces(String text, VoiceAlphabet alphabet) {
        return splitter.split(SpeakableText.prepare(text, alphabet));
    }
}
