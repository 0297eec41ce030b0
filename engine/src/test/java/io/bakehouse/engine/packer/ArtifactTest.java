package io.bakehouse.engine.packer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import org.junit.Test;

public class ArtifactTest {

    @Test
    public void amis_multiRegionId_everyPair() {
        Artifact a = new Artifact("local.amazon-ebs.app", "amazon-ebs",
                "eu-west-1:ami-c23dc2c64b6ebdd9a,us-east-1:ami-062acddd5e9e41a7a");

        assertEquals(Map.of("eu-west-1", "ami-c23dc2c64b6ebdd9a", "us-east-1", "ami-062acddd5e9e41a7a"), a.amis());
    }

    @Test
    public void amis_notAnAmiArtifact_empty() {
        assertTrue(new Artifact("docker.app", "docker", "sha256:0123abcd").amis().isEmpty());
        assertTrue(new Artifact("file.x", "file", "/tmp/out.txt").amis().isEmpty());
    }

    @Test
    public void equals_everyComponentCounts_asARecordsWould() {
        Artifact a = new Artifact("local.amazon-ebs.app", "amazon-ebs", "us-east-1:ami-062acddd5e9e41a7a");

        assertEquals(new Artifact("local.amazon-ebs.app", "amazon-ebs", "us-east-1:ami-062acddd5e9e41a7a"), a);
        assertEquals(new Artifact("local.amazon-ebs.app", "amazon-ebs", "us-east-1:ami-062acddd5e9e41a7a").hashCode(),
                a.hashCode());
        assertNotEquals(new Artifact("aws.amazon-ebs.app", "amazon-ebs", "us-east-1:ami-062acddd5e9e41a7a"), a);
        assertNotEquals(new Artifact("local.amazon-ebs.app", "amazon-ebssurrogate", "us-east-1:ami-062acddd5e9e41a7a"), a);
        assertNotEquals(new Artifact("local.amazon-ebs.app", "amazon-ebs", "us-east-1:ami-0aaaaaaaaaaaaaaaa"), a);
        assertNotEquals(new Artifact("local.amazon-ebs.app", null, "us-east-1:ami-062acddd5e9e41a7a"), a);
        assertEquals(new Artifact("x", null, "y"), new Artifact("x", null, "y"));
        assertEquals(new Artifact("x", null, "y").hashCode(), new Artifact("x", null, "y").hashCode());
        assertNotEquals(a, "local.amazon-ebs.app");
    }
}
