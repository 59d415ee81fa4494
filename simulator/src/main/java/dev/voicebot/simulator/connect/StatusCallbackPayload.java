package dev.voicebot.simulator.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields of a status callback (shared/reference/exotel.md §3.7). Always {@code CallSid}, {@code Status},
 * {@code RecordingUrl}, {@code DateUpdated}; when the request subscribed to an event with
 * {@code StatusCallbackEvents} (never on flow calls) also {@code EventType}, {@code DateCreated}, {@code To},
 * {@code From}, {@code PhoneNumberSid}, {@code StartTime}, {@code EndTime}, {@code ConversationDuration},
 * {@code Direction}, {@code CustomField} and {@code Legs}. Before the call ends {@code Status} is
 * {@code in-progress} and {@code EndTime} is null.
 *
 * <p>In {@code multipart/form-data} a {@code null} is an empty value and {@code Legs} is flattened to
 * {@code Legs[0][OnCallDuration]}, {@code Legs[0][Status]}, {@code Legs[0][AnsweredBy]}, …: Exotel documents the
 * array only in JSON, so this bracket form (the one its clients use for {@code StatusCallbackEvents[0]}) is the
 * stand-in's choice.
 */
final class StatusCallbackPayload {

    private final ExotelTime time;

    StatusCallbackPayload(ExotelTime time) {
        this.time = time;
    }

    ObjectNode build(CallSnapshot call, String event) {
        ObjectNode body = ApiDocuments.JSON.createObjectNode();
        body.put("CallSid", call.sid());
        body.put("Status", call.status());
        body.putNull("RecordingUrl");
        body.put("DateUpdated", time.format(call.updated()));
        ConnectRequest request = call.request();
        if (!request.subscribed("terminal") && !request.subscribed("answered") && !request.subscribed("ringing")) {
            return body;
        }
        body.put("EventType", event);
        body.put("DateCreated", time.format(call.created()));
        body.put("To", call.to());
        body.put("From", call.from());
        body.put("PhoneNumberSid", request.callerId());
        body.put("StartTime", time.format(call.created()));
        body.put("EndTime", time.format(call.endedAt().orElse(null)));
        body.put("ConversationDuration", call.conversationSeconds());
        body.put("Direction", "outbound-api");
        body.put("CustomField", request.customField().orElse(null));
        ArrayNode legs = body.putArray("Legs");
        for (CallLeg leg : call.legs()) {
            ObjectNode entry = legs.addObject();
            entry.put("OnCallDuration", leg.onCallSeconds());
            entry.put("Status", leg.status());
            entry.put("AnsweredBy", leg.answeredBy());
        }
        return body;
    }

    /** The same fields as form fields, nested values flattened with brackets. */
    static List<FormData.Field> formFields(ObjectNode body) {
        List<FormData.Field> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            flatten(fields, property.getKey(), property.getValue());
        }
        return fields;
    }

    private static void flatten(List<FormData.Field> fields, String name, JsonNode value) {
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                flatten(fields, name + "[" + i + "]", value.get(i));
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> property : value.properties()) {
                flatten(fields, name + "[" + property.getKey() + "]", property.getValue());
            }
        } else {
            fields.add(new FormData.Field(name, value.isNull() ? "" : value.asString()));
        }
    }
}
