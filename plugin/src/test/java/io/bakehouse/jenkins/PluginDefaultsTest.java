package io.bakehouse.jenkins;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class PluginDefaultsTest {

    @Test
    public void constructor_blankValues_meanNoDefault() {
        assertEquals(PluginDefaults.NONE, new PluginDefaults(" ", "", null));
    }

    @Test
    public void constructor_paddedValues_areTrimmed() {
        PluginDefaults defaults = new PluginDefaults(" us-east-1 ", null, " invoker-fn ");
        assertEquals("us-east-1", defaults.region());
        assertEquals("invoker-fn", defaults.invokerFunction());
    }

    @Test
    public void serialisation_roundTrip_keepsEveryValue() {
        PluginDefaults defaults = new PluginDefaults("us-east-1", "arn:aws:iam::123456789012:role/r", "invoker");
        assertEquals(defaults, Serialization.roundTrip(defaults));
    }
}
