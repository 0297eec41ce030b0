package io.bakehouse.build.contract;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.bakehouse.engine.contract.Face;
import io.bakehouse.engine.contract.Step;
import io.bakehouse.engine.contract.StepContract;
import java.util.Map;
import org.junit.Test;

public class JenkinsResourcesTest {

    private static final StepContract CONTRACT = StepContract.load();
    private static final Map<String, String> FILES = JenkinsResources.files(CONTRACT);

    @Test
    public void fieldHelp_ofARequiredParameter_startsSo_andOfAList_saysWhereItIsGiven() {
        Step publish = CONTRACT.step("publishAmiParam");

        assertEquals("<div>\n  Required. SSM parameter name, e.g. <code>/DeploymentConfig/dev/App/AmiId</code>.\n</div>\n",
                JenkinsResources.fieldHelp(publish.parameter("name"), CONTRACT.spelling(publish, Face.JENKINS)));
        assertTrue(FILES.get("io/bakehouse/jenkins/ssm/PublishAmiParamStep/help-labels.html")
                .contains("Set in the Pipeline script (a list has no form field)."));
    }

    @Test
    public void fieldHelp_givesTheJenkinsDefault_andTheExample() {
        String region = FILES.get("io/bakehouse/jenkins/AwsStep/help-region.html");
        assertTrue(region, region.contains("Default: the region set under Manage Jenkins &#8594; System &#8594; Bakehouse"));
        String returnStatus = FILES.get("io/bakehouse/jenkins/runner/EcsDeployRunnerStep/help-returnStatus.html");
        assertTrue(returnStatus, returnStatus.contains("<pre>def plan = ecsDeployRunner("));
    }

    @Test
    public void forms_checkboxTrueByDefault_andTheCredentialsDropDown() {
        assertTrue(FILES.get("io/bakehouse/jenkins/cfn/CfnDeployStep/config.jelly").contains(
                "<f:entry field=\"replaceFailedStack\" title=\"Replace a stack whose create failed\">\n"
                        + "    <f:checkbox default=\"true\"/>"));
        assertTrue(FILES.get("io/bakehouse/jenkins/AwsStep/aws-options.jelly").contains(
                "<f:entry field=\"credentialsId\" title=\"Credentials\">\n      <c:select/>"));
    }

    @Test
    public void noHelpPage_forAParameterTheJenkinsFaceLacks() {
        assertTrue(!FILES.containsKey("io/bakehouse/jenkins/AwsStep/help-profile.html"));
        assertTrue(!FILES.containsKey("io/bakehouse/jenkins/AwsStep/help-output.html"));
    }
}
