package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.bakehouse.engine.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class PackerBuildResultTest {

    @Test
    public void toJsonMap_contractKeysInOrder() {
        Map<String, String> amis = new LinkedHashMap<>();
        amis.put("us-east-1", "ami-062acddd5e9e41a7a");
        amis.put("us-west-2", "ami-6f49c585664e528a8");
        PackerBuildResult r = new PackerBuildResult("ami-062acddd5e9e41a7a", amis,
                List.of(new Artifact("b.amazon-ebs.app", "amazon-ebs", "us-east-1:ami-062acddd5e9e41a7a")),
                "/w/m.json", "abc", false);

        assertEquals(List.of("amiId", "amis", "artifacts", "manifest", "bakeKey", "reused"),
                List.copyOf(r.toJsonMap().keySet()));
        assertEquals("{\n  \"amiId\": \"ami-062acddd5e9e41a7a\",\n  \"amis\": {\n    \"us-east-1\": \"ami-062acddd5e9e41a7a\",\n"
                + "    \"us-west-2\": \"ami-6f49c585664e528a8\"\n  },\n  \"artifacts\": [\n    {\n"
                + "      \"buildName\": \"b.amazon-ebs.app\",\n      \"builderType\": \"amazon-ebs\",\n"
                + "      \"id\": \"us-east-1:ami-062acddd5e9e41a7a\"\n    }\n  ],\n  \"manifest\": \"/w/m.json\",\n"
                + "  \"bakeKey\": \"abc\",\n  \"reused\": false\n}", Json.write(r));
    }

    @Test
    public void amiId_mustBeOneOfTheAmis() {
        assertThrows(IllegalArgumentException.class, () -> new PackerBuildResult("ami-00000000",
                Map.of("us-east-1", "ami-11111111"), List.of(), null, "k", true));
    }
}
