package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.Test;

public class ChangeSetNameTest {

    @Test
    public void defaultName_timeThenRandom_aValidChangeSetName() {
        String name = ChangeSetLifecycle.defaultChangeSetName();
        assertTrue(name, name.matches("bakehouse-\\d{8}-\\d{6}-[0-9a-f]{8}"));
        // what CloudFormation takes as a change set name
        assertTrue(name, name.matches("[A-Za-z][A-Za-z0-9-]{0,127}"));
    }

    @Test
    public void defaultName_deploysStartedInTheSameSecond_getNamesOfTheirOwn() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            names.add(ChangeSetLifecycle.defaultChangeSetName());
        }
        // 100 names drawn from 2^32: a clash comes about once in 850,000 runs
        assertEquals(100, names.size());
    }
}
