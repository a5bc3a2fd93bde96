package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.procedure.ProcedurePolicy;

/**
 * A service deploys its processes whenever it starts, and the engine makes a new version of any that differs from its
 * latest: a procedure's process must come out the same, id for id, every time it is generated.
 */
class BpmnGeneratorTest {

    private static final ProcedurePolicies SHIPPED = ProcedurePolicies.shipped();
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static List<String> shippedProcedures() {
        return ProcedurePolicies.SHIPPED;
    }

    static List<String> proceduresWithFeedback() {
        return ProcedurePolicies.SHIPPED.stream()
                .filter(id -> SHIPPED.find(id).orElseThrow().feedback().isPresent())
                .toList();
    }

    @ParameterizedTest
    @MethodSource("shippedProcedures")
    void aProcedureGeneratesTheSameProcessEveryTimeWithNoRandomId(String procedureId) {
        ProcedurePolicy procedure = SHIPPED.find(procedureId).orElseThrow();
        String xml = BpmnGenerator.bpmnXml(procedure, SHIPPED.informalResolution());

        assertThat(BpmnGenerator.bpmnXml(procedure, SHIPPED.informalResolution())).isEqualTo(xml);
        assertThat(UUID.matcher(xml).find()).as("a builder's random id left in the XML").isFalse();
    }

    @ParameterizedTest
    @MethodSource("shippedProcedures")
    void everyRenamedIdStillJoinsWhatItJoined(String procedureId) {
        BpmnModelInstance model = generated(procedureId);

        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            assertThat(flow.getId()).startsWith("Flow_" + flow.getSource().getId() + "_" + flow.getTarget().getId());
            assertThat(flow.getSource().getOutgoing()).contains(flow);
            assertThat(flow.getTarget().getIncoming()).contains(flow);
        }
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            assertThat(shape.getId()).isEqualTo(shape.getBpmnElement().getId() + "_di");
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            assertThat(edge.getId()).isEqualTo(edge.getBpmnElement().getId() + "_di");
        }
    }

    /**
     * What the Modeler shows: a comment's and a compliment's ways beside their gateway, not over a stage or an event
     * subprocess. (The builder's own layout still draws some of the later stages' elements over each other: a request
     * window's end over the next stage, the informal stages over the formal ones.)
     */
    @ParameterizedTest
    @MethodSource("proceduresWithFeedback")
    void theFeedbacksWaysAreNotDrawnOverASubprocess(String procedureId) {
        BpmnModelInstance model = generated(procedureId);
        List<BpmnShape> shapes = List.copyOf(model.getModelElementsByType(BpmnShape.class));
        List<String> feedback = List.of("PassOnCommentTask", "CommentPassedOnEndEvent", "PassOnComplimentTask",
                "ComplimentPassedOnEndEvent");

        for (BpmnShape frame : shapes) {
            if (frame.getBpmnElement() instanceof SubProcess subprocess
                    && subprocess.getParentElement() instanceof Process) {
                shapes.stream().filter(shape -> feedback.contains(shape.getBpmnElement().getId())).forEach(shape ->
                        assertThat(overlap(shape.getBounds(), frame.getBounds()))
                                .as(shape.getBpmnElement().getId() + " drawn over " + subprocess.getId()).isFalse());
            }
        }
        assertThat(shapes).filteredOn(shape -> feedback.contains(shape.getBpmnElement().getId()))
                .hasSize(feedback.size());
    }

    private static BpmnModelInstance generated(String procedureId) {
        ProcedurePolicy procedure = SHIPPED.find(procedureId).orElseThrow();
        return Bpmn.readModelFromStream(new ByteArrayInputStream(
                BpmnGenerator.bpmnXml(procedure, SHIPPED.informalResolution()).getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }
}
