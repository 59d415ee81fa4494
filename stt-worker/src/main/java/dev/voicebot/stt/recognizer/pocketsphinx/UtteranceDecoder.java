package dev.voicebot.stt.recognizer.pocketsphinx;

/**
 * Decodes an utterance twice at once: against the grammar, and against a free loop of phones that
 * stands for "anything the acoustic model can explain". Their per-frame score difference is a
 * log-likelihood ratio: near zero when the grammar explains the audio about as well as any phones
 * could, strongly negative when the grammar had to force a phrase onto speech it does not contain.
 * That ratio is what rejects out-of-grammar speech: on the committed corpus, correct in-grammar
 * hypotheses scored -9.7 or better, out-of-grammar speech -11.7 or worse. A plain score threshold
 * could not separate them, and a phone loop inside the grammar as a garbage alternative swallowed
 * in-grammar speech too. The phone loop costs about three times the grammar search. Not
 * thread-safe; pooled.
 */
final class UtteranceDecoder implements AutoCloseable {

    private final Decoder grammar;
    private final Decoder phoneLoop;

    UtteranceDecoder(Decoder grammar, Decoder phoneLoop) {
        this.grammar = grammar;
        this.phoneLoop = phoneLoop;
    }

    void startUtterance() {
        grammar.startUtterance();
        phoneLoop.startUtterance();
    }

    void process(short[] samples) {
        grammar.process(samples, samples.length);
        phoneLoop.process(samples, samples.length);
    }

    String partialText() {
        return grammar.partial().text();
    }

    Result endUtterance() {
        Decoder.Hypothesis best = grammar.endUtterance();
        Decoder.Hypothesis reference = phoneLoop.endUtterance();
        return new Result(best.text(), best.score(), reference.score(), Math.max(best.frames(), reference.frames()));
    }

    /** Ends an utterance whose result nobody wants. */
    void abandonUtterance() {
        if (grammar.inUtterance()) {
            grammar.endUtterance();
        }
        if (phoneLoop.inUtterance()) {
            phoneLoop.endUtterance();
        }
    }

    @Override
    public void close() {
        grammar.close();
        phoneLoop.close();
    }

    /**
     * @param text the grammar's hypothesis, empty when no path reached the grammar's end
     * @param score the hypothesis' score
     * @param referenceScore the phone loop's best score for the same audio
     * @param frames 10 ms frames decoded
     */
    record Result(String text, int score, int referenceScore, int frames) {

        /** Per-frame log-likelihood ratio of the hypothesis against the phone loop. */
        double ratioPerFrame() {
            return frames == 0 || text.isEmpty()
                    ? Double.NEGATIVE_INFINITY
                    : (double) (score - referenceScore) / frames;
        }
    }
}
