package io.bakehouse.engine.runner;

import io.bakehouse.engine.error.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * What a caller asks the gatekeeper for.
 *
 * @param container   container name from the configuration
 * @param script      script of that container
 * @param args        the script's arguments, an argument vector (never parsed by a shell)
 * @param cpu         task CPU units, or {@code null} for the configuration's default
 * @param memory      task memory in MiB, or {@code null} for the configuration's default
 * @param requestedBy who asked (a build tag, a user, a caller ARN); tags the task
 */
public record RunRequest(String container, String script, List<String> args, Integer cpu, Integer memory,
                         String requestedBy) {

    public RunRequest {
        InvalidInputException.require("container", container);
        InvalidInputException.require("script", script);
        args = args == null ? List.of() : List.copyOf(args.stream().map(a -> Objects.requireNonNull(a, "null argument")).toList());
        requestedBy = requestedBy == null || requestedBy.isBlank() ? "unknown" : requestedBy;
    }
}
