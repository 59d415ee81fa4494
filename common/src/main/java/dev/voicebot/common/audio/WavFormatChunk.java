package dev.voicebot.common.audio;

/** The parts of a WAV fmt chunk needed to decode its data chunk. */
record WavFormatChunk(int channels, int sampleRate, WavSampleFormat sampleFormat) {

    private static final int MAX_CHANNELS = 64;

    static WavFormatChunk parse(byte[] b, int at, int size) {
        if (size < 16) {
            throw new IllegalArgumentException("WAV fmt chunk is " + size + " bytes; it needs at least 16");
        }
        int formatTag = WavFile.uint16(b, at);
        int channels = WavFile.uint16(b, at + 2);
        long sampleRate = WavFile.uint32(b, at + 4);
        int bitsPerSample = WavFile.uint16(b, at + 14);
        if (formatTag == WavSampleFormat.TAG_EXTENSIBLE) {
            if (size < 40) {
                throw new IllegalArgumentException(
                        "WAV fmt chunk says WAVE_FORMAT_EXTENSIBLE but is only " + size + " bytes, not 40");
            }
            // The sub-format GUID's first two bytes carry the real format tag.
            formatTag = WavFile.uint16(b, at + 24);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("WAV fmt chunk declares " + channels + " channels");
        }
        if (sampleRate < 1 || sampleRate > Resamplers.MAX_RATE) {
            throw new IllegalArgumentException("WAV fmt chunk declares a sample rate of " + sampleRate + " Hz");
        }
        return new WavFormatChunk(channels, (int) sampleRate, WavSampleFormat.of(formatTag, bitsPerSample));
    }

    /** Averages each frame's channels into one 16-bit sample; a trailing partial frame is ignored. */
    WavAudio decode(byte[] b, int at, int length) {
        int frameBytes = channels * sampleFormat.bytes;
        int frames = length / frameBytes;
        byte[] pcm = new byte[frames * Pcm16.BYTES_PER_SAMPLE];
        for (int f = 0; f < frames; f++) {
            int frameStart = at + f * frameBytes;
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sampleFormat.decode(b, frameStart + c * sampleFormat.bytes);
            }
            Pcm16.put(pcm, f, Pcm16.clamp(sum / channels));
        }
        return new WavAudio(sampleRate, pcm);
    }
}
