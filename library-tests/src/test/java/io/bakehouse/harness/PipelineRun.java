package io.bakehouse.harness;

import java.util.List;
import java.util.stream.Collectors;

/** What a run of a declarative pipeline did. */
public record PipelineRun(String agentLabel, List<Directive> options, List<StageResult> stages, String result,
                          String failure) {

    public StageResult stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stage named '" + name + "' in " + stageNames()));
    }

    public List<String> stageNames() {
        return stages.stream().map(StageResult::name).collect(Collectors.toList());
    }

    public List<String> stagesThatRan() {
        return stages.stream().filter(StageResult::ran).map(StageResult::name).collect(Collectors.toList());
    }

    public Directive option(String name) {
        return options.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no pipeline option " + name + " in " + options));
    }
}
