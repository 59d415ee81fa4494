package dev.voicebot.gateway.socket;

import dev.voicebot.gateway.call.CallAction;
import dev.voicebot.gateway.call.CallProblem;
import dev.voicebot.gateway.call.CallSession;
import dev.voicebot.gateway.call.HandshakeParameters;
import dev.voicebot.gateway.exotel.ExotelCodec;
import dev.voicebot.gateway.kafka.CallPublisher;
import dev.voicebot.gateway.latency.TurnLatencyRecorder;
import dev.voicebot.gateway.metrics.GatewayMetrics;
import dev.voicebot.gateway.playback.PlaybackPacer;
import dev.voicebot.gateway.playback.PlaybackSettings;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The Exotel socket endpoint: one {@link CallConnection} per socket. Whatever one socket sends,
 * the failure stays with that socket's call.
 */
public final class ExotelSocketHandler extends TextWebSocketHandler implements SocketWatchdog.Expirer {

    private static final Logger log = LoggerFactory.getLogger(ExotelSocketHandler.class);
    private static final String CONNECTION = CallConnection.class.getName();

    /** What a socket handler needs beyond its collaborators. */
    public record Settings(
            String route,
            PlaybackSettings playback,
            boolean mediaChunkInfo,
            long maxQueuedChars,
            int maxTextMessageChars,
            SocketLimits limits) {}

    private final Settings settings;
    private final ExotelCodec codec;
    private final CallActionRunner runner;
    private final Executor sendExecutor;
    private final GatewayMetrics metrics;
    private final InstantSource clock;
    private final TurnLatencyRecorder latency;
    private final OpenSockets openSockets;

    public ExotelSocketHandler(
            Settings settings,
            ExotelCodec codec,
            CallPublisher publisher,
            LiveCalls liveCalls,
            PlaybackPacer pacer,
            Executor sendExecutor,
            GatewayMetrics metrics,
            InstantSource clock,
            TurnLatencyRecorder latency,
            OpenSockets openSockets) {
        this.settings = settings;
        this.openSockets = openSockets;
        this.latency = latency;
        this.codec = codec;
        this.runner = new CallActionRunner(settings.route(), publisher, liveCalls, pacer, metrics);
        this.sendExecutor = sendExecutor;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        Object handshake = socket.getAttributes().get(ExotelHandshakeInterceptor.HANDSHAKE);
        CallSession session = new CallSession(
                handshake instanceof HandshakeParameters parameters ? parameters : HandshakeParameters.none(),
                settings.route(),
                clock);
        SocketSender sender = new SocketSender(socket, sendExecutor, metrics, settings.maxQueuedChars());
        CallConnection connection = new CallConnection(
                socket.getId(),
                session,
                sender,
                new TextMessageAssembler(settings.maxTextMessageChars()),
                codec,
                settings.playback(),
                settings.mediaChunkInfo(),
                runner,
                latency,
                settings.limits().maxQueuedPlayback());
        socket.getAttributes().put(CONNECTION, connection);
        if (!openSockets.add(connection, System.nanoTime())) {
            metrics.handshakeRefused("capacity");
            log.warn(
                    "socket {}: over the cap of {} sockets; closing",
                    socket.getId(),
                    settings.limits().maxSockets());
            runner.run(
                    connection, connection.session().fail(SocketSender.CLOSE_TRY_AGAIN_LATER, "gateway at capacity"));
            return;
        }
        log.debug("socket {} opened from {}", socket.getId(), socket.getRemoteAddress());
    }

    /** A socket passed one of its {@link SocketLimits}: its call ends and the socket closes. */
    @Override
    public void expire(CallConnection connection, SocketLimits.Expiry expiry) {
        String reason = settings.limits().describe(expiry);
        metrics.socketExpired(expiry.tag());
        log.info("call {}: {}; closing the socket", connection.logId(), reason);
        List<CallAction> actions = expiry == SocketLimits.Expiry.MAX_DURATION
                ? connection.session().endByBot(reason)
                : List.of();
        runner.run(
                connection,
                actions.isEmpty() ? connection.session().fail(CallSession.CLOSE_POLICY_VIOLATION, reason) : actions);
    }

    /** Parts keep a socket's read buffer small; {@link TextMessageAssembler} joins them. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        CallConnection connection = connection(socket);
        openSockets.inbound(connection, System.nanoTime());
        try {
            switch (connection.assembler().append(message.getPayload(), message.isLast())) {
                case TextMessageAssembler.Complete complete ->
                    runner.run(connection, connection.session().onMessage(codec.parse(complete.text())));
                case TextMessageAssembler.TooBig tooBig -> refuseTooBig(connection, tooBig.length());
                case TextMessageAssembler.Incomplete incomplete -> {}
            }
        } catch (RuntimeException e) {
            metrics.inputRejected(CallProblem.INTERNAL_ERROR.tag());
            log.error("call {}: failed to handle a frame from Exotel", connection.logId(), e);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
        if (!message.isLast()) {
            return;
        }
        CallConnection connection = connection(socket);
        runner.run(
                connection,
                List.of(new CallAction.Drop(CallProblem.BINARY_FRAME.tag(), "binary frame; Exotel sends JSON text")));
    }

    @Override
    public void handleTransportError(WebSocketSession socket, Throwable exception) {
        log.info("call {}: socket error: {}", connection(socket).logId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        CallConnection connection = connection(socket);
        openSockets.remove(connection);
        runner.detach(connection);
        latency.callEnded(connection.session().callSid());
        try {
            runner.run(connection, connection.session().onSocketClosed(status.getCode(), status.getReason()));
        } catch (RuntimeException e) {
            log.error("call {}: failed to record the socket's close", connection.logId(), e);
        }
    }

    private void refuseTooBig(CallConnection connection, long length) {
        String reason = "message of " + length + "+ bytes is over the " + settings.maxTextMessageChars() + " limit";
        List<CallAction> actions = new ArrayList<>();
        actions.add(new CallAction.Drop(CallProblem.MESSAGE_TOO_BIG.tag(), reason));
        actions.addAll(connection.session().fail(CloseStatus.TOO_BIG_TO_PROCESS.getCode(), reason));
        runner.run(connection, actions);
    }

    private static CallConnection connection(WebSocketSession socket) {
        return (CallConnection) socket.getAttributes().get(CONNECTION);
    }
}
