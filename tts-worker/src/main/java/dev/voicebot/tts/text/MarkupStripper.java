package dev.voicebot.tts.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes SSML, HTML and Markdown from text meant to be spoken, keeping the words: a language
 * model's reply may carry {@code **bold**}, lists, links or tags, none of which a voice should
 * read out.
 */
public final class MarkupStripper {

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    /** A tag starts with a letter, '/', '?' or '!' right after '<', so "a < b" and "<3" stay text. */
    private static final Pattern TAG = Pattern.compile("<[/?!]?[A-Za-z][^<>]*>");

    private static final Pattern BREAK_TAG =
            Pattern.compile("<(?:br|p|/p|break|s|/s|li)\\b[^<>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE_FENCE = Pattern.compile("```[A-Za-z0-9_+-]*");
    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
    private static final Pattern EMPHASIS = Pattern.compile("(\\*{1,3}|_{2,3}|~~)(\\S(?:.*?\\S)?)\\1");
    private static final Pattern SINGLE_UNDERSCORE =
            Pattern.compile("(?<![A-Za-z0-9])_(\\S(?:.*?\\S)?)_(?![A-Za-z0-9])");
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern LINE_MARKERS =
            Pattern.compile("(?m)^[ \\t]*(?:#{1,6}[ \\t]+|>[ \\t]?|[-*+][ \\t]+|\\d{1,3}[.)][ \\t]+)");
    private static final Pattern RULE = Pattern.compile("(?m)^[ \\t]*(?:[-*_][ \\t]*){3,}$");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9A-Fa-f]{1,6});");

    private MarkupStripper() {}

    public static String strip(String text) {
        String s = COMMENT.matcher(text).replaceAll(" ");
        s = BREAK_TAG.matcher(s).replaceAll(" ");
        s = TAG.matcher(s).replaceAll("");
        s = decodeEntities(s);
        s = CODE_FENCE.matcher(s).replaceAll(" ");
        s = IMAGE.matcher(s).replaceAll("$1");
        s = LINK.matcher(s).replaceAll("$1");
        s = RULE.matcher(s).replaceAll(" ");
        s = LINE_MARKERS.matcher(s).replaceAll("");
        s = INLINE_CODE.matcher(s).replaceAll("$1");
        s = EMPHASIS.matcher(s).replaceAll("$2");
        s = SINGLE_UNDERSCORE.matcher(s).replaceAll("$1");
        return s;
    }

    private static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher numeric = NUMERIC_ENTITY.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (numeric.find()) {
            int code = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
            String replacement = Character.isValidCodePoint(code) ? Character.toString(code) : " ";
            numeric.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        numeric.appendTail(out);
        return out.toString()
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
