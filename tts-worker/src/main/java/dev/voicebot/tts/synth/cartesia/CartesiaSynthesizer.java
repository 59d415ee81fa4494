package dev.voicebot.tts.synth.cartesia;

import dev.voicebot.tts.synth.EngineAudio;
import dev.voicebot.tts.synth.SpeechSynthesizer;
import dev.voicebot.tts.synth.SynthesisException;
import dev.voicebot.tts.synth.SynthesisException.Kind;
import dev.voicebot.tts.synth.SynthesisGuard;
import dev.voicebot.tts.synth.SynthesisHandle;
import dev.voicebot.tts.synth.SynthesisListener;
import dev.voicebot.tts.synth.SynthesisRequest;
import dev.voicebot.tts.synth.SynthesizerCapabilities;
import dev.voicebot.tts.text.VoiceAlphabet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cartesia Sonic over its TTS WebSocket: one socket shared by all calls, one Cartesia context per
 * bot turn. Each piece of a turn is sent as a continuation of the turn's context ({@code continue:
 * true}) followed by a manual flush, whose {@code flush_done} marks the end of that piece's audio;
 * the turn's last piece is sent with {@code continue: false} and ends at {@code done}. Audio comes
 * back as raw {@code pcm_s16le} at the call's rate.
 *
 * <p>The socket is opened at start-up and again on first use after it broke. A broken socket fails
 * the pieces in flight on it (retryable); a refused handshake fails them as the HTTP status says
 * (401 is an authentication error, not retryable).
 */
public final class CartesiaSynthesizer implements SpeechSynthesizer, AutoCloseable {

    static final Set<Integer> NATIVE_RATES = Set.of(8000, 16000, 22050, 24000, 44100, 48000);
    private static final Logger log = LoggerFactory.getLogger(CartesiaSynthesizer.class);
    private static final SynthesizerCapabilities CAPABILITIES =
            new SynthesizerCapabilities(true, NATIVE_RATES, VoiceAlphabet.ANY_SCRIPT);

    private final OkHttpClient client;
    private final CartesiaSettings settings;
    private final CartesiaMessages messages;
    private final JsonMapper json;
    private final Map<String, TurnContext> contextsByKey = new ConcurrentHashMap<>();
    private final Map<String, Piece> piecesByContextId = new ConcurrentHashMap<>();
    private CartesiaConnection connection;

    public CartesiaSynthesizer(OkHttpClient client, CartesiaSettings settings, JsonMapper json) {
        this.client = client;
        this.settings = settings;
        this.json = json;
        this.messages = new CartesiaMessages(json, settings);
    }

    @Override
    public String provider() {
        return "cartesia";
    }

    @Override
    public String voice() {
        return "cartesia/" + settings.modelId() + "/" + settings.voiceId();
    }

    @Override
    public SynthesizerCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** Opens the socket ahead of the first synthesis, so that the first caller does not pay the handshake. */
    public void connect() {
        currentConnection();
    }

    @Override
    public SynthesisHandle synthesize(SynthesisRequest request, SynthesisListener listener) {
        SynthesisGuard guard = new SynthesisGuard(listener);
        if (request.text().isBlank()) {
            guard.fail(new SynthesisException(Kind.INVALID_REQUEST, "nothing to say: the text is blank"));
            return guard::cancel;
        }
        int engineRate = CAPABILITIES.engineRateFor(request.sampleRate());
        CartesiaConnection socket = currentConnection();
        TurnContext context = contextFor(request, engineRate, socket);
        Piece piece = new Piece(context, guard, new EngineAudio(engineRate, request.sampleRate(), guard), request);
        context.active = piece;
        piecesByContextId.put(context.id, piece);
        if (request.endsContext()) {
            contextsByKey.remove(request.contextKey(), context);
            context.closed = true;
        }
        String transcript = request.endsContext() ? request.text() : request.text() + " ";
        boolean sent = socket.send(messages.generation(context.id, transcript, !request.endsContext(), engineRate));
        if (sent && !request.endsContext()) {
            sent = socket.send(messages.flush(context.id, engineRate));
        }
        if (!sent) {
            finishPiece(piece);
            guard.fail(
                    new SynthesisException(Kind.CONNECTIVITY, "the Cartesia socket closed before the text was sent"));
        }
        return () -> cancel(piece);
    }

    @Override
    public void endContext(String contextKey) {
        TurnContext context = contextsByKey.remove(contextKey);
        if (context != null && !context.closed) {
            context.closed = true;
            Piece active = context.active;
            if (active != null) {
                cancel(active);
            } else {
                context.socket.send(messages.cancel(context.id));
            }
        }
    }

    @Override
    public void close() {
        CartesiaConnection current;
        synchronized (this) {
            current = connection;
            connection = null;
        }
        if (current != null) {
            current.close();
        }
    }

    private synchronized CartesiaConnection currentConnection() {
        if (connection == null || connection.isBroken()) {
            Request handshake = new Request.Builder()
                    .url(settings.url())
                    .header("X-API-Key", settings.apiKey())
                    .header("Authorization", "Bearer " + settings.apiKey())
                    .header("Cartesia-Version", settings.version())
                    .build();
            connection = new CartesiaConnection(client, handshake, json, this::onMessage, this::onBroken);
        }
        return connection;
    }

    /** The turn's open context when the piece can continue it, otherwise a new one. */
    private TurnContext contextFor(SynthesisRequest request, int engineRate, CartesiaConnection socket) {
        long now = System.nanoTime();
        TurnContext existing = contextsByKey.get(request.contextKey());
        if (existing != null
                && !existing.closed
                && existing.active == null
                && existing.socket == socket
                && existing.engineRate == engineRate
                && now - existing.lastActivityNanos
                        <= settings.continuationWindow().toNanos()) {
            return existing;
        }
        if (existing != null) {
            contextsByKey.remove(request.contextKey(), existing);
            if (!existing.closed && existing.active == null) {
                existing.socket.send(messages.cancel(existing.id)); // expired or unusable: free it
            }
            existing.closed = true;
        }
        TurnContext fresh = new TurnContext(UUID.randomUUID().toString(), socket, engineRate, now);
        if (!request.endsContext()) {
            contextsByKey.put(request.contextKey(), fresh);
        }
        return fresh;
    }

    private void cancel(Piece piece) {
        if (piece.guard.cancel()) {
            finishPiece(piece);
            piece.context.closed = true;
            contextsByKey.remove(piece.request.contextKey(), piece.context);
            piece.context.socket.send(messages.cancel(piece.context.id));
        }
    }

    private void onMessage(CartesiaConnection socket, CartesiaResponse response) {
        if (response.contextId() == null) {
            if (response.type() == CartesiaResponse.Type.ERROR) {
                failAll(socket, response.error());
            }
            return;
        }
        Piece piece = piecesByContextId.get(response.contextId());
        if (piece == null || piece.context.socket != socket) {
            return; // a cancelled or finished context: late messages are dropped
        }
        piece.context.lastActivityNanos = System.nanoTime();
        switch (response.type()) {
            case CHUNK -> piece.audio.accept(response.audio());
            case FLUSH_DONE -> {
                if (!piece.request.endsContext()) {
                    finishPiece(piece);
                    piece.audio.finish();
                }
            }
            case DONE -> {
                finishPiece(piece);
                piece.context.closed = true;
                contextsByKey.remove(piece.request.contextKey(), piece.context);
                piece.audio.finish();
            }
            case ERROR -> {
                finishPiece(piece);
                piece.context.closed = true;
                contextsByKey.remove(piece.request.contextKey(), piece.context);
                piece.guard.fail(response.error());
            }
            case OTHER -> {}
        }
    }

    private void onBroken(CartesiaConnection socket, SynthesisException cause) {
        failAll(socket, cause);
    }

    private void failAll(CartesiaConnection socket, SynthesisException cause) {
        int failed = 0;
        for (Piece piece : piecesByContextId.values()) {
            if (piece.context.socket == socket) {
                finishPiece(piece);
                piece.context.closed = true;
                if (piece.guard.fail(cause)) {
                    failed++;
                }
            }
        }
        contextsByKey.values().removeIf(context -> context.socket == socket);
        if (failed > 0) {
            log.warn("Cartesia: {} ({} syntheses failed)", cause.getMessage(), failed);
        } else {
            log.info("Cartesia: {}", cause.getMessage());
        }
    }

    private void finishPiece(Piece piece) {
        piecesByContextId.remove(piece.context.id, piece);
        if (piece.context.active == piece) {
            piece.context.active = null;
        }
    }

    /** One Cartesia context: the pieces of one bot turn that continue one another. */
    private static final class TurnContext {
        final String id;
        final CartesiaConnection socket;
        final int engineRate;
        volatile long lastActivityNanos;
        volatile Piece active;
        volatile boolean closed;

        TurnContext(String id, CartesiaConnection socket, int engineRate, long now) {
            this.id = id;
            this.socket = socket;
            this.engineRate = engineRate;
            this.lastActivityNanos = now;
        }
    }

    private record Piece(TurnContext context, SynthesisGuard guard, EngineAudio audio, SynthesisRequest request) {}
}
