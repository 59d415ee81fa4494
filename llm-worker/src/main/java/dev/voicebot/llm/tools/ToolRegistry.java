package dev.voicebot.llm.tools;

import dev.voicebot.llm.provider.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tools on offer: call control first, then the application's. */
public final class ToolRegistry {

    private final Map<String, AgentTool> applicationTools = new LinkedHashMap<>();
    private final List<ToolSpec> specs;

    public ToolRegistry(List<AgentTool> tools) {
        List<ToolSpec> all = new ArrayList<>(CallControlTools.SPECS);
        for (AgentTool tool : tools) {
            String name = tool.spec().name();
            if (CallControlTools.isCallControl(name) || applicationTools.containsKey(name)) {
                throw new IllegalStateException("two tools are named '" + name + "'");
            }
            applicationTools.put(name, tool);
            all.add(tool.spec());
        }
        this.specs = List.copyOf(all);
    }

    public List<ToolSpec> specs() {
        return specs;
    }

    public Optional<AgentTool> applicationTool(String name) {
        return Optional.ofNullable(applicationTools.get(name));
    }
}
