package io.bakehouse.library;

import static org.junit.Assert.assertEquals;

import io.bakehouse.harness.LibraryUnderTest;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;

public class PublishAmiParamVarTest {

    @Rule
    public final LibraryUnderTest library = new LibraryUnderTest();

    @Test
    public void call_amiId_runsPublishAmiParamAndReturnsResult() {
        library.cli().respond("publish-ami-param", "{\"name\":\"/a\",\"version\":3}\n");
        Object result = library.call("publishAmiParam", Map.of("name", "/a", "amiId", "ami-1"));
        assertEquals(List.of("publish-ami-param", "--name", "/a", "--ami-id", "ami-1", "--output", "json"),
                library.cli().onlyCall());
        assertEquals(Map.of("name", "/a", "version", 3), result);
    }
}
