package dev.voicebot.tts.synth.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Synthesized lines kept in memory for replay: greetings and fixed scripted replies recur on every
 * call, and replaying them costs nothing. Least recently used lines are evicted once the audio held
 * exceeds {@code maxBytes}; a line longer than {@code maxEntryBytes} is never kept. Thread-safe.
 */
public final class PhraseCache {

    /** A line as one voice says it at one rate. */
    public record Key(String voice, int sampleRate, String text) {
        public Key {
            Objects.requireNonNull(voice, "voice");
            Objects.requireNonNull(text, "text");
        }
    }

    /** Rough per-entry overhead beyond the audio: key strings, map node, array header. */
    private static final int ENTRY_OVERHEAD_BYTES = 160;

    private final long maxBytes;
    private final int maxEntryBytes;
    private final LinkedHashMap<Key, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    public PhraseCache(long maxBytes, int maxEntryBytes) {
        if (maxBytes < 0 || maxEntryBytes < 0) {
            throw new IllegalArgumentException("cache sizes must not be negative");
        }
        this.maxBytes = maxBytes;
        this.maxEntryBytes = maxEntryBytes;
    }

    /** The cached audio (shared: callers must not modify it), or {@code null}. */
    public synchronized byte[] get(Key key) {
        byte[] pcm = entries.get(key);
        if (pcm == null) {
            misses++;
        } else {
            hits++;
        }
        return pcm;
    }

    /** Like {@link #get}, without counting a hit or a miss (the cache warmer looking). */
    public synchronized byte[] peek(Key key) {
        return entries.get(key);
    }

    /** Keeps {@code pcm} (not copied: the caller hands it over) unless it is too large to keep. */
    public synchronized void put(Key key, byte[] pcm) {
        long size = sizeOf(key, pcm);
        if (pcm.length == 0 || pcm.length > maxEntryBytes || size > maxBytes) {
            return;
        }
        byte[] previous = entries.put(key, pcm);
        if (previous != null) {
            bytes -= sizeOf(key, previous);
        }
        bytes += size;
        for (Iterator<Map.Entry<Key, byte[]>> it = entries.entrySet().iterator(); bytes > maxBytes && it.hasNext(); ) {
            Map.Entry<Key, byte[]> eldest = it.next();
            bytes -= sizeOf(eldest.getKey(), eldest.getValue());
            it.remove();
            evictions++;
        }
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int entries() {
        return entries.size();
    }

    public synchronized long hits() {
        return hits;
    }

    public synchronized long misses() {
        return misses;
    }

    public synchronized long evictions() {
        return evictions;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private static long sizeOf(Key key, byte[] pcm) {
        return pcm.length + 2L * (key.text().length() + key.voice().length()) + ENTRY_OVERHEAD_BYTES;
    }
}
