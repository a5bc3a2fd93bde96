package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
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
     * What the Modeler and Operate show, at every level (the process, and inside each subprocess): each element
     * inside its subprocess's frame, none drawn over another (a boundary event sits on its activity's edge, as it
     * must), and each flow in straight runs across and down, from its source's edge to its target's, through nothing
     * in between (no frame, no other element, not its own ends). The builder had drawn a request window's end inside
     * the next stage, the informal stages over the formal ones, and in each deadline's watcher the escalations over
     * the reminders.
     */
    @ParameterizedTest
    @MethodSource("shippedProcedures")
    void everyLevelIsDrawnWithNothingOverAnythingElse(String procedureId) {
        BpmnModelInstance model = generated(procedureId);
        List<BpmnShape> shapes = List.copyOf(model.getModelElementsByType(BpmnShape.class));

        for (BpmnShape shape : shapes) {
            if (shape.getBpmnElement().getParentElement() instanceof SubProcess frame) {
                assertThat(inside(shape.getBounds(), boundsOf(shapes, frame)))
                        .as(shape.getBpmnElement().getId() + " inside " + frame.getId()).isTrue();
            }
            for (BpmnShape other : siblings(shapes, shape)) {
                boolean onItsActivity = attached(shape, other) || attached(other, shape);
                assertThat(overlap(shape.getBounds(), other.getBounds()) && !onItsActivity)
                        .as(shape.getBpmnElement().getId() + " drawn over " + other.getBpmnElement().getId())
                        .isFalse();
            }
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            SequenceFlow flow = (SequenceFlow) edge.getBpmnElement();
            List<Waypoint> points = List.copyOf(edge.getWaypoints());
            assertThat(onEdgeOf(points.getFirst(), boundsOf(shapes, flow.getSource())))
                    .as(flow.getId() + " starts on its source's edge").isTrue();
            assertThat(onEdgeOf(points.getLast(), boundsOf(shapes, flow.getTarget())))
                    .as(flow.getId() + " ends on its target's edge").isTrue();
            for (int i = 0; i + 1 < points.size(); i++) {
                Waypoint from = points.get(i);
                Waypoint to = points.get(i + 1);
                assertThat(from.getX().equals(to.getX()) || from.getY().equals(to.getY()))
                        .as(flow.getId() + " runs straight across or down").isTrue();
                for (BpmnShape shape : shapes) {
                    if (shape.getBpmnElement().getParentElement() == flow.getParentElement()) {
                        assertThat(crosses(from, to, shape.getBounds()))
                                .as(flow.getId() + " drawn through " + shape.getBpmnElement().getId()).isFalse();
                    }
                }
            }
        }
    }

    private static BpmnModelInstance generated(String procedureId) {
        ProcedurePolicy procedure = SHIPPED.find(procedureId).orElseThrow();
        return Bpmn.readModelFromStream(new ByteArrayInputStream(
                BpmnGenerator.bpmnXml(procedure, SHIPPED.informalResolution()).getBytes(StandardCharsets.UTF_8)));
    }

    private static Bounds boundsOf(List<BpmnShape> shapes, FlowNode node) {
        return shapes.stream().filter(shape -> shape.getBpmnElement() == node).findFirst().orElseThrow().getBounds();
    }

    private static boolean attached(BpmnShape boundary, BpmnShape activity) {
        return boundary.getBpmnElement() instanceof BoundaryEvent event
                && event.getAttachedTo() == activity.getBpmnElement();
    }

    private static List<BpmnShape> siblings(List<BpmnShape> shapes, BpmnShape shape) {
        return shapes.stream().filter(other -> other != shape
                && other.getBpmnElement().getParentElement() == shape.getBpmnElement().getParentElement()).toList();
    }

    private static boolean inside(Bounds inner, Bounds outer) {
        return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
                && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
                && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }

    /** On the shape's outline, give or take a point. */
    private static boolean onEdgeOf(Waypoint point, Bounds bounds) {
        boolean withinOuter = point.getX() >= bounds.getX() - 1 && point.getX() <= bounds.getX() + bounds.getWidth() + 1
                && point.getY() >= bounds.getY() - 1 && point.getY() <= bounds.getY() + bounds.getHeight() + 1;
        boolean withinInner = point.getX() > bounds.getX() + 1 && point.getX() < bounds.getX() + bounds.getWidth() - 1
                && point.getY() > bounds.getY() + 1 && point.getY() < bounds.getY() + bounds.getHeight() - 1;
        return withinOuter && !withinInner;
    }

    /** Whether the straight run between two points passes through the inside of the shape (not along its outline). */
    private static boolean crosses(Waypoint from, Waypoint to, Bounds bounds) {
        double left = Math.min(from.getX(), to.getX());
        double right = Math.max(from.getX(), to.getX());
        double top = Math.min(from.getY(), to.getY());
        double bottom = Math.max(from.getY(), to.getY());
        return right > bounds.getX() && left < bounds.getX() + bounds.getWidth()
                && bottom > bounds.getY() && top < bounds.getY() + bounds.getHeight();
    }
}
