package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
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
        ProcedurePolicy procedure = SHIPPED.find(procedureId).orElseThrow();
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(
                BpmnGenerator.bpmnXml(procedure, SHIPPED.informalResolution()).getBytes(StandardCharsets.UTF_8)));

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
}
