/** The bot's text on its way to speech: how replies are cut into segments ({@link dev.voicebot.common.text.SegmentCutter}). */
package dev.voicebot.common.text;
