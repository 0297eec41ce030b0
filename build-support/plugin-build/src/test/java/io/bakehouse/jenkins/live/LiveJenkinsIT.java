package io.bakehouse.jenkins.live;

import org.junit.ClassRule;
import org.junit.runner.RunWith;
import org.junit.runners.Suite;

/**
 * The plugin live in the real Jenkins of the distribution (see {@link LiveJenkins}): one
 * controller, one inbound agent and one moto server for the whole suite; each class below
 * creates its own jobs. Run by failsafe in {@code mvn verify} (so in {@code make test}).
 */
@RunWith(Suite.class)
@Suite.SuiteClasses({
    PublishAmiParamLive.class,
    PublishSiteLive.class,
    PackerBuildLive.class,
    CfnDeployLive.class,
    EcsDeployRunnerLive.class,
    EcsServiceDeployLive.class,
    SecretCanaryLive.class,
    AwsCredentialsLive.class,
    BadInputLive.class,
    SnippetGeneratorLive.class,
    GlobalConfigurationLive.class,
    AbortLive.class,
    ExitCodeLive.class,
    WaitRestartLive.class,
})
public class LiveJenkinsIT {

    @ClassRule
    public static final LiveJenkins JENKINS = new LiveJenkins();
}
