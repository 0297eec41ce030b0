package io.bakehouse.engine.cfn;

import static org.junit.Assert.assertEquals;

import java.util.List;
import org.junit.Test;

public class ChangeSetTableTest {

    @Test
    public void render_rows_alignsColumnsUnderHeadings() {
        List<String> lines = ChangeSetTable.render(List.of(
                new ChangeRow("Modify", "LaunchTemplate", "AWS::EC2::LaunchTemplate", "True"),
                new ChangeRow("Add", "Q", "AWS::SQS::Queue", null)));

        assertEquals(List.of(
                "Action  Logical ID      Type                      Replacement",
                "------  --------------  ------------------------  -----------",
                "Modify  LaunchTemplate  AWS::EC2::LaunchTemplate  True",
                "Add     Q               AWS::SQS::Queue           -"), lines);
    }

    @Test
    public void render_noRows_saysSo() {
        assertEquals(1, ChangeSetTable.render(List.of()).size());
    }
}
