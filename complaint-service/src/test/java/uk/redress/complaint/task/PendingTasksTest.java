package uk.redress.complaint.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.w3c.dom.NodeList;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;
import uk.redress.workflow.procedure.Stage;
import uk.redress.workflow.procedure.Step;
import uk.redress.workflow.process.BpmnGenerator;

/** Every user task the processes draw is one the tasklist can show: the two name each task alike. */
class PendingTasksTest {

    static final java.util.List<String> PROCEDURES = ProcedurePolicies.SHIPPED;

    @ParameterizedTest
    @FieldSource("PROCEDURES")
    void everyUserTaskOfTheProcessIsAStepOrFeedbackTaskOfTheTasklist(String procedureId) throws Exception {
        ProcedurePolicy procedure = ProcedurePolicies.shipped().find(procedureId).orElseThrow();
        Set<String> tasklist = new HashSet<>();
        for (Stage stage : procedure.stages()) {
            for (Step step : stage.steps()) {
                tasklist.add(PendingTasks.userTaskId(stage, step));
            }
        }
        procedure.feedback().ifPresent(feedback -> tasklist.addAll(Set.of(PendingTasks.PASS_ON_COMMENT_TASK,
                PendingTasks.PASS_ON_COMPLIMENT_TASK)));

        Set<String> drawn = new HashSet<>();
        String xml = BpmnGenerator.bpmnXml(procedure, ProcedurePolicies.shipped().informalResolution());
        try (InputStream bpmn = new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            NodeList userTasks = factory.newDocumentBuilder().parse(bpmn)
                    .getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/MODEL", "userTask");
            for (int i = 0; i < userTasks.getLength(); i++) {
                drawn.add(userTasks.item(i).getAttributes().getNamedItem("id").getNodeValue());
            }
        }
        // The informal front's tasks are drawn in every process, but intake through the API starts formally.
        drawn.removeIf(id -> id.startsWith("Informal"));

        assertThat(drawn).isNotEmpty().isEqualTo(tasklist);
    }
}
