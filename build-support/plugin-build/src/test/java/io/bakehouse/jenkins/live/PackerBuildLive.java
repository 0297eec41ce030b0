package io.bakehouse.jenkins.live;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.bakehouse.jenkins.build.Distribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * packerBuild on the agent: the project's own app template (packer/), copied into the job's
 * workspace as a checkout would bring it, baked in local mode against moto.
 */
public class PackerBuildLive {

    private static final String JOB = "bake-app";

    private final LiveJenkins jenkins = LiveJenkinsIT.JENKINS;

    @Test
    public void packerBuild_appTemplateInLocalMode_streamsPackerAndReturnsTheAmiMotoHas() throws Exception {
        jenkins.rest().createPipeline(JOB, """
                node('ecs-fargate') {
                  def r = packerBuild template: 'packer/bakehouse-app.pkr.hcl', only: ['local.*'],
                      vars: [app_version: '1.2.3-live', git_sha: '0123456789abcdef', environment: 'live',
                             local_ec2_endpoint: '%s', app_binary: 'app-binary', manifest_path: 'packer-manifest.json'],
                      sensitiveVars: [build_url: '%s'],
                      timeout: '10m', %s
                  echo "keys=${r.keySet()}"
                  echo "amiId=${r.amiId}"
                  echo "amis=${r.amis}"
                  echo "artifact=${r.artifacts[0].buildName} ${r.artifacts[0].builderType} ${r.artifacts[0].id}"
                  echo "manifest=${r.manifest}"
                  echo "reused=${r.reused}"
                }
                """.formatted(jenkins.moto().endpoint(), LiveJenkins.BUILD_URL_CREDENTIALS_ID,
                Workspaces.aws(jenkins, "us-east-1")));
        Workspaces.copyTree(jenkins, JOB, Distribution.root().resolve("packer"), "packer");
        Workspaces.write(jenkins, JOB, "app-binary", "test input, not a real app binary\n");

        String log = jenkins.rest().run(JOB, "SUCCESS");

        assertTrue(log, log.contains("Running on " + LiveJenkins.AGENT));
        // Packer's own output, streamed into the build log as it ran
        assertTrue(log, log.contains("==> local.amazon-ebs.app: Creating AMI"));
        assertTrue(log, log.contains("[packerBuild] packer build packer/bakehouse-app.pkr.hcl (timeout 10m)"));
        String amiId = value(log, "amiId=(ami-[0-9a-f]+)");
        Set<String> keys = Arrays.stream(value(log, "keys=\\[(.*)]").split(", ")).collect(Collectors.toSet());
        assertTrue(keys.toString(), keys.containsAll(Set.of("amiId", "amis", "artifacts", "manifest")));
        assertEquals("[us-east-1:" + amiId + "]", value(log, "amis=(.*)"));
        assertEquals("local.amazon-ebs.app amazon-ebs us-east-1:" + amiId, value(log, "artifact=(.*)"));
        Path manifest = Path.of(value(log, "manifest=(.*)"));
        assertEquals(jenkins.workspace(JOB).resolve("packer-manifest.json"), manifest);
        assertTrue(Files.readString(manifest), Files.readString(manifest).contains(amiId));
        assertEquals("false", value(log, "reused=(.*)"));

        Image image = jenkins.moto().clients().ec2().describeImages(q -> q.imageIds(amiId)).images().get(0);
        assertEquals("available", image.stateAsString());
        assertEquals("1.2.3-live", tag(image, "Version"));
        assertEquals("live", tag(image, "Environment"));
        // the sensitive value, read from its Secret text credential, reached Packer (the AMI carries it) but
        // never the log
        assertEquals(LiveJenkins.BUILD_URL_SECRET, tag(image, "BuildUrl"));
        assertFalse(log, log.contains(LiveJenkins.BUILD_URL_SECRET.substring(LiveJenkins.BUILD_URL_SECRET.indexOf("canary"))));
        assertFalse(log, log.contains(LiveJenkins.SECRET_KEY));
        assertFalse(log, log.contains("\tat io.bakehouse"));
    }

    static String value(String log, String regex) {
        Matcher m = Pattern.compile("^" + regex + "$", Pattern.MULTILINE).matcher(log);
        assertTrue("no line matching " + regex + " in:\n" + log, m.find());
        return m.group(1);
    }

    private static String tag(Image image, String key) {
        return image.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }

    /** The AMIs moto holds that some bake made (owner self). */
    static Set<String> selfImages(LiveJenkins jenkins) {
        return new HashSet<>(jenkins.moto().clients().ec2().describeImages(q -> q.owners("self")).images().stream()
                .map(Image::imageId).toList());
    }
}
