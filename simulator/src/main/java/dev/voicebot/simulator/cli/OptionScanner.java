package dev.voicebot.simulator.cli;

import java.util.List;

/** Walks {@code --name value}, {@code --name=value} and bare {@code --flag} arguments in order. */
final class OptionScanner {

    /** Takes a bare flag; answers false when {@code name} is not one, so it needs a value. */
    interface Flags {
        boolean take(String name);
    }

    interface Values {
        void take(String name, String value) throws UsageException;
    }

    private OptionScanner() {}

    static void scan(List<String> args, Flags flags, Values values) throws UsageException {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (flags.take(name)) {
                continue;
            }
            String value;
            if (inline != null) {
                value = inline;
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            values.take(name, value);
        }
    }
}
