package dev.voicebot.simulator.connect;

import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code Call} resource the Connect and Call Details APIs answer with (shared/reference/exotel.md §3.5). Fields
 * Exotel fills in only after the call (EndTime, Duration, Price) stay {@code null} until {@code detailsLag} after it
 * ended; Exotel takes about two minutes. The stand-in simulates no recordings and no billing: {@code RecordingUrl} is
 * {@code null} and {@code Price} is {@code "0.000"}.
 */
final class CallDocuments {

    private final ExotelTime time;
    private final Duration detailsLag;

    CallDocuments(ExotelTime time, Duration detailsLag) {
        this.time = time;
        this.detailsLag = detailsLag;
    }

    ObjectNode call(CallSnapshot call, boolean withDetails) {
        boolean settled = call.endedAt()
                .map(end -> !Instant.now().isBefore(end.plus(detailsLag)))
                .orElse(false);
        ObjectNode root = ApiDocuments.JSON.createObjectNode();
        ObjectNode c = root.putObject("Call");
        c.put("Sid", call.sid());
        c.putNull("ParentCallSid");
        c.put("DateCreated", time.format(call.created()));
        c.put("DateUpdated", time.format(call.updated()));
        c.put("AccountSid", call.accountSid());
        c.put("To", call.to());
        c.put("From", call.from());
        c.put("PhoneNumberSid", call.request().callerId());
        c.put("Status", call.status());
        c.put("StartTime", time.format(call.created()));
        c.put("EndTime", settled ? time.format(call.endedAt().orElseThrow()) : null);
        c.put("Duration", settled ? Long.toString(call.durationSeconds()) : null);
        c.put("Price", settled ? "0.000" : null);
        c.put("Direction", "outbound-api");
        c.putNull("AnsweredBy");
        c.putNull("ForwardedFrom");
        c.putNull("CallerName");
        c.put("Uri", "/v1/Accounts/" + call.accountSid() + "/Calls/" + call.sid() + ".json");
        c.putNull("RecordingUrl");
        if (withDetails) {
            details(c.putObject("Details"), call);
        }
        return root;
    }

    private static void details(ObjectNode details, CallSnapshot call) {
        details.put("ConversationDuration", call.conversationSeconds());
        details.put("Leg1Status", call.legs().getFirst().status());
        details.put("Leg2Status", call.legs().size() > 1 ? call.legs().get(1).status() : null);
        ArrayNode legs = details.putArray("Legs");
        for (CallLeg leg : call.legs()) {
            ObjectNode entry = legs.addObject().putObject("Leg");
            entry.put("Id", leg.id());
            entry.put("OnCallDuration", leg.onCallSeconds());
        }
    }
}
