package dev.voicebot.gateway.socket;

import dev.voicebot.common.event.CallEnded;
import dev.voicebot.common.event.CallStarted;
import dev.voicebot.common.privacy.Redact;
import dev.voicebot.gateway.call.CallAction;
import dev.voicebot.gateway.kafka.CallPublisher;
import dev.voicebot.gateway.metrics.GatewayMetrics;
import dev.voicebot.gateway.playback.PlaybackPacer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/** Carries out what a call's session decided: publish, start playing, count, close. */
final class CallActionRunner {

    private static final Logger log = LoggerFactory.getLogger(CallActionRunner.class);

    private final String route;
    private final CallPublisher publisher;
    private final LiveCalls liveCalls;
    private final PlaybackPacer pacer;
    private final GatewayMetrics metrics;

    CallActionRunner(
            String route, CallPublisher publisher, LiveCalls liveCalls, PlaybackPacer pacer, GatewayMetrics metrics) {
        this.route = route;
        this.publisher = publisher;
        this.liveCalls = liveCalls;
        this.pacer = pacer;
        this.metrics = metrics;
    }

    void run(CallConnection call, List<CallAction> actions) {
        for (CallAction action : actions) {
            switch (action) {
                case CallAction.PublishAudio audio -> {
                    publisher.audio(audio.audio(), audio.audioOffsetMs());
                    metrics.frameIn();
                }
                case CallAction.PublishEvent event -> {
                    publisher.event(event.event(), route);
                    describe(event);
                }
                case CallAction.BeginPlayback begin -> {
                    call.beginPlayback(begin.streamSid(), begin.sampleRate());
                    liveCalls.add(begin.callSid(), call);
                    pacer.add(call);
                }
                case CallAction.MarkEchoed mark -> call.markEchoed(mark.name());
                case CallAction.Drop drop -> {
                    metrics.inputRejected(drop.reason());
                    if (call.logDrop()) {
                        log.warn(
                                "call {}: dropped a frame from Exotel: {} ({})",
                                call.logId(),
                                drop.reason(),
                                drop.detail());
                    }
                }
                case CallAction.Close close -> {
                    detach(call);
                    call.sender().close(new CloseStatus(close.code(), close.reason()));
                }
            }
        }
    }

    /** The call gets no more bot audio: its socket is closing or closed. */
    void detach(CallConnection call) {
        pacer.remove(call);
        liveCalls.remove(call.session().callSid(), call);
    }

    private void describe(CallAction.PublishEvent published) {
        switch (published.event()) {
            case CallStarted started ->
                log.info(
                        "call {}: started, {} Hz, {} from {} to {}, stream {}",
                        started.callSid(),
                        started.sampleRate(),
                        started.direction(),
                        Redact.phone(started.from()),
                        Redact.phone(started.to()),
                        started.streamSid());
            case CallEnded ended -> {
                metrics.callEnded(ended.reason().name());
                log.info("call {}: ended, {} ({})", ended.callSid(), ended.reason(), ended.detail());
            }
            default ->
                log.debug(
                        "call {}: {}",
                        published.event().callSid(),
                        published.event().getClass().getSimpleName());
        }
    }
}
