package dev.voicebot.common.audio;

/** The sample encodings {@link WavFile} can read, each decoded to the 16-bit scale (−32768..32767). */
enum WavSampleFormat {
    PCM_UNSIGNED_8(1) {
        @Override
        double decode(byte[] b, int at) {
            return ((b[at] & 0xff) - 128) * 256.0;
        }
    },
    PCM_SIGNED_16(2) {
        @Override
        double decode(byte[] b, int at) {
            return (short) ((b[at] & 0xff) | (b[at + 1] << 8));
        }
    },
    PCM_SIGNED_24(3) {
        @Override
        double decode(byte[] b, int at) {
            int v = (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | (b[at + 2] << 16);
            return v / 256.0;
        }
    },
    PCM_SIGNED_32(4) {
        @Override
        double decode(byte[] b, int at) {
            return readInt(b, at) / 65536.0;
        }
    },
    FLOAT_32(4) {
        @Override
        double decode(byte[] b, int at) {
            float v = Float.intBitsToFloat(readInt(b, at));
            return Float.isNaN(v) ? 0 : v * 32768.0;
        }
    },
    FLOAT_64(8) {
        @Override
        double decode(byte[] b, int at) {
            long bits = (readInt(b, at) & 0xffffffffL) | ((long) readInt(b, at + 4) << 32);
            double v = Double.longBitsToDouble(bits);
            return Double.isNaN(v) ? 0 : v * 32768.0;
        }
    },
    MU_LAW(1) {
        @Override
        double decode(byte[] b, int at) {
            int u = ~b[at] & 0xff;
            int magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
            return (u & 0x80) != 0 ? -magnitude : magnitude;
        }
    },
    A_LAW(1) {
        @Override
        double decode(byte[] b, int at) {
            int a = (b[at] & 0xff) ^ 0x55;
            int exponent = (a & 0x70) >> 4;
            int mantissa = a & 0x0f;
            int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
            return (a & 0x80) != 0 ? magnitude : -magnitude;
        }
    };

    static final int TAG_PCM = 0x0001;
    static final int TAG_FLOAT = 0x0003;
    static final int TAG_A_LAW = 0x0006;
    static final int TAG_MU_LAW = 0x0007;
    static final int TAG_EXTENSIBLE = 0xFFFE;

    final int bytes;

    WavSampleFormat(int bytes) {
        this.bytes = bytes;
    }

    /** One sample at byte offset {@code at}, on the 16-bit scale, before rounding and clamping. */
    abstract double decode(byte[] b, int at);

    /** The decoder for a (resolved, non-extensible) format tag and bit depth; explains what is unsupported. */
    static WavSampleFormat of(int formatTag, int bitsPerSample) {
        WavSampleFormat format =
                switch (formatTag) {
                    case TAG_PCM ->
                        switch (bitsPerSample) {
                            case 8 -> PCM_UNSIGNED_8;
                            case 16 -> PCM_SIGNED_16;
                            case 24 -> PCM_SIGNED_24;
                            case 32 -> PCM_SIGNED_32;
                            default -> null;
                        };
                    case TAG_FLOAT ->
                        switch (bitsPerSample) {
                            case 32 -> FLOAT_32;
                            case 64 -> FLOAT_64;
                            default -> null;
                        };
                    case TAG_MU_LAW -> bitsPerSample == 8 ? MU_LAW : null;
                    case TAG_A_LAW -> bitsPerSample == 8 ? A_LAW : null;
                    default ->
                        throw new IllegalArgumentException("unsupported WAV encoding " + describe(formatTag)
                                + "; readable are PCM 8/16/24/32-bit, IEEE float 32/64-bit, μ-law and A-law");
                };
        if (format == null) {
            throw new IllegalArgumentException("unsupported WAV sample size: " + bitsPerSample + "-bit "
                    + describe(formatTag) + "; readable are PCM 8/16/24/32-bit, IEEE float 32/64-bit,"
                    + " 8-bit μ-law and A-law");
        }
        return format;
    }

    private static String describe(int formatTag) {
        String name =
                switch (formatTag) {
                    case TAG_PCM -> "PCM";
                    case 0x0002 -> "MS ADPCM";
                    case TAG_FLOAT -> "IEEE float";
                    case TAG_A_LAW -> "A-law";
                    case TAG_MU_LAW -> "μ-law";
                    case 0x0011 -> "IMA ADPCM";
                    case 0x0031 -> "GSM 6.10";
                    case 0x0055 -> "MP3";
                    default -> "unknown";
                };
        return String.format("%s (format tag 0x%04X)", name, formatTag);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16) | (b[at + 3] << 24);
    }
}
