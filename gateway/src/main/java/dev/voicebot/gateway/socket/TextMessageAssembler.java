package dev.voicebot.gateway.socket;

/**
 * Joins the parts of one socket's text messages up to a size limit. The container hands over
 * messages in parts of its small read buffer, so a socket costs that buffer rather than the
 * largest message allowed; almost every Exotel message fits one part and passes through uncopied.
 */
final class TextMessageAssembler {

    /** What a part completed. */
    sealed interface Result {}

    /** A whole message. */
    record Complete(String text) implements Result {}

    /** More parts are expected. */
    record Incomplete() implements Result {}

    /** The message grew past the limit; its remaining parts are skipped. */
    record TooBig(long length) implements Result {}

    private static final Incomplete INCOMPLETE = new Incomplete();

    private final int maxChars;
    private StringBuilder partial;
    private long skipping = -1;

    TextMessageAssembler(int maxChars) {
        this.maxChars = maxChars;
    }

    Result append(String part, boolean last) {
        if (skipping >= 0) {
            skipping = last ? -1 : skipping + part.length();
            return INCOMPLETE;
        }
        if (partial == null && last) {
            return part.length() <= maxChars ? new Complete(part) : new TooBig(part.length());
        }
        if (partial == null) {
            partial = new StringBuilder(Math.min(maxChars, 2 * part.length()));
        }
        if ((long) partial.length() + part.length() > maxChars) {
            long length = partial.length() + (long) part.length();
            partial = null;
            skipping = last ? -1 : length;
            return new TooBig(length);
        }
        partial.append(part);
        if (!last) {
            return INCOMPLETE;
        }
        String text = partial.toString();
        partial = null;
        return new Complete(text);
    }
}
