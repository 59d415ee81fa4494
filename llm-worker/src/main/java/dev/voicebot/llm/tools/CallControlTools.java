package dev.voicebot.llm.tools;

import dev.voicebot.llm.provider.ToolSpec;
import java.util.List;

/** The tools every conversation offers: hang up, and hand the call back to the Exotel flow. */
public final class CallControlTools {

    public static final String END_CALL = "end_call";
    public static final String TRANSFER_CALL = "transfer_call";

    public static final ToolSpec END_CALL_SPEC = new ToolSpec(
            END_CALL,
            "End the phone call. Call it after saying goodbye, when the caller is done or asks to hang up.",
            """
            {"type":"object","properties":{"reason":{"type":"string",\
            "description":"why the call ends, in a few words"}}}""");

    public static final ToolSpec TRANSFER_CALL_SPEC = new ToolSpec(
            TRANSFER_CALL,
            "Transfer the caller to a human at the front desk. Call it when the caller asks for a person,"
                    + " or when you cannot help.",
            """
            {"type":"object","properties":{"reason":{"type":"string",\
            "description":"what the caller needs, in a few words"}}}""");

    public static final List<ToolSpec> SPECS = List.of(END_CALL_SPEC, TRANSFER_CALL_SPEC);

    private CallControlTools() {}

    public static boolean isCallControl(String toolName) {
        return END_CALL.equals(toolName) || TRANSFER_CALL.equals(toolName);
    }
}
