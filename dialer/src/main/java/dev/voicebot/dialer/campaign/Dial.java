package dev.voicebot.dialer.campaign;

import dev.voicebot.dialer.call.CallOrder;
import java.util.concurrent.CompletableFuture;

/**
 * One campaign call to place.
 *
 * @param recorded completes when the row's DIALING state is durable; only then is Exotel called,
 *     so that after a crash the dialer knows the number may have been called
 */
public record Dial(
        String campaignId, int index, String correlationId, CallOrder order, CompletableFuture<?> recorded) {}
