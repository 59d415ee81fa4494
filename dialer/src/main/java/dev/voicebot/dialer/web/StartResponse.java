package dev.voicebot.dialer.web;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The seed's answer: {@code {"call_sid":"…","status":"call_initiated","phone_number":"…"}}. */
public record StartResponse(
        @JsonProperty("call_sid") String callSid,
        @JsonProperty("status") String status,
        @JsonProperty("phone_number") String phoneNumber) {}
