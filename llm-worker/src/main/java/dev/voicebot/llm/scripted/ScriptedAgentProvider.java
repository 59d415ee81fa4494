package dev.voicebot.llm.scripted;

import dev.voicebot.common.script.AgentScript;
import dev.voicebot.common.script.IntentAction;
import dev.voicebot.llm.provider.ChatCompletion;
import dev.voicebot.llm.provider.ChatProvider;
import dev.voicebot.llm.provider.ChatRequest;
import dev.voicebot.llm.provider.ChatStream;
import dev.voicebot.llm.provider.ChatStreamHandler;
import dev.voicebot.llm.provider.ChatUsage;
import dev.voicebot.llm.provider.ProviderException;
import dev.voicebot.llm.provider.StreamSession;
import dev.voicebot.llm.provider.ToolCall;
import dev.voicebot.llm.tools.CallControlTools;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded agent: answers from an {@link AgentScript}, deterministically, with no network. The
 * reply arrives as one text delta; an intent that ends or transfers the call adds the matching
 * call-control tool call, exactly as a language model would.
 */
public final class ScriptedAgentProvider implements ChatProvider {

    private final ScriptedDialogue dialogue;
    private final Executor executor;
    private final AtomicLong callIds = new AtomicLong();

    /** @param executor runs each request, so callbacks never arrive on the caller's thread */
    public ScriptedAgentProvider(AgentScript script, Executor executor) {
        this.dialogue = new ScriptedDialogue(script);
        this.executor = executor;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public ChatStream stream(ChatRequest request, ChatStreamHandler handler) {
        StreamSession session = new StreamSession(handler);
        executor.execute(() -> answer(request, session));
        return session;
    }

    private void answer(ChatRequest request, StreamSession session) {
        ScriptedReply reply;
        try {
            reply = dialogue.respond(request);
        } catch (RuntimeException e) {
            session.fail(new ProviderException(
                    ProviderException.Kind.INTERNAL, 0, "the script could not answer: " + e, null, e));
            return;
        }
        session.text(reply.text());
        String tool =
                switch (reply.action()) {
                    case END_CALL -> CallControlTools.END_CALL;
                    case TRANSFER -> CallControlTools.TRANSFER_CALL;
                    case NONE -> null;
                };
        if (tool != null) {
            session.toolCall(new ToolCall("script-" + callIds.incrementAndGet(), tool, "{\"reason\":\"script\"}"));
        }
        session.complete(
                new ChatCompletion(reply.action() == IntentAction.NONE ? "stop" : "tool_calls", ChatUsage.NONE));
    }
}
