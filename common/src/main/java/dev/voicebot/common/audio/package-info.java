/**
 * Audio utilities for the pipeline's one internal format: 16-bit signed little-endian mono PCM
 * ({@link dev.voicebot.common.audio.Pcm16}). Resampling between telephone and engine rates
 * ({@link dev.voicebot.common.audio.Resamplers}), re-chunking to Exotel's 320-byte frame rule
 * ({@link dev.voicebot.common.audio.AudioChunker}) and WAV files ({@link dev.voicebot.common.audio.WavFile}).
 */
package dev.voicebot.common.audio;
