package uk.redress.workflow.process;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * A generated process's diagram, drawn again once the builder is done. The builder puts each element right of the one
 * before and each further way out of a gateway below the last, knowing nothing of how tall a subprocess's frame is: it
 * drew a request window's end inside the next stage, the informal stages over the formal ones, and in each deadline's
 * watcher the escalations over the reminders.
 *
 * <p>Each level (the process, and inside each subprocess, innermost first) is drawn by one rule, from the process's
 * own graph, so that a council's own procedure is drawn as the shipped ones are. The usual way is one row, each
 * element centred on one line. A way out of an exclusive or event-based gateway that ends on its own (a comment, a
 * compliment, a request window that closes) is a column above or below its gateway; any other way out (a parallel
 * branch, the informal stages) is a row of its own below, which, if it joins an upper row, climbs back up into the
 * element it joins. A way that skips to a later element of its row goes over the top. A boundary event sits on its
 * activity's lower edge, what follows it below, and its way runs underneath into the foot of the element it leads to.
 * Each subprocess's frame is then made to fit what it holds. At the top, the other start events stand below the
 * first, and the event subprocesses underneath everything. Only the diagram moves: the engine runs the same process.
 */
final class ProcessDiagram {

    private static final double GAP = 50;
    /** Between two ways that run side by side (over the top, or under a row), and between them and the elements. */
    private static final double LANE = 20;
    private static final double LEFT = 100;
    /** Above the process's highest element, and between everything else and the event subprocesses. */
    private static final double MARGIN = 80;
    /** Between a subprocess's frame and what it holds. */
    private static final double PADDING = 30;

    private final BpmnModelInstance model;
    private final Map<BaseElement, BpmnShape> shapes = new HashMap<>();
    private final Map<BaseElement, BpmnEdge> edges = new HashMap<>();

    private ProcessDiagram(BpmnModelInstance model) {
        this.model = model;
        model.getModelElementsByType(BpmnShape.class).forEach(shape -> shapes.put(shape.getBpmnElement(), shape));
        model.getModelElementsByType(BpmnEdge.class).forEach(edge -> edges.put(edge.getBpmnElement(), edge));
    }

    static void draw(BpmnModelInstance model) {
        new ProcessDiagram(model).draw();
    }

    private void draw() {
        List<SubProcess> innermostFirst = model.getModelElementsByType(SubProcess.class).stream()
                .sorted(Comparator.comparingInt(ProcessDiagram::depth).reversed()).toList();
        for (SubProcess subprocess : innermostFirst) {
            Bounds frame = bounds(subprocess);
            new Level(subprocess).draw(frame.getX() + PADDING, frame.getY() + PADDING);
            fit(subprocess);
        }
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        Level top = new Level(process);
        top.draw(LEFT, MARGIN);
        top.placeOtherStarts();
        moveEventSubprocessesBelow(process);
    }

    private static int depth(ModelElementInstance element) {
        int depth = 0;
        for (ModelElementInstance at = element.getParentElement(); at != null; at = at.getParentElement()) {
            depth++;
        }
        return depth;
    }

    /** The elements directly inside the process or one subprocess, and how they are drawn. */
    private final class Level {

        private final BaseElement container;
        private final StartEvent first;
        private final List<List<FlowNode>> rows = new ArrayList<>();
        /** Each row element's row, by the row's index. */
        private final Map<FlowNode, Integer> rowOf = new HashMap<>();
        /** Every element in a row or a column. */
        private final Set<FlowNode> placed = new HashSet<>();
        /** Each gateway's columns, in order: the first goes up, the second down. */
        private final Map<FlowNode, List<List<FlowNode>>> columns = new LinkedHashMap<>();
        /** The flows from one row down to the first element of a lower one, and back up from a lower row's last. */
        private final List<SequenceFlow> intoLowerRow = new ArrayList<>();
        private final List<SequenceFlow> backUp = new ArrayList<>();
        private final List<SequenceFlow> skips = new ArrayList<>();
        /** Each activity's boundary events, in the order they are drawn along its lower edge from the right. */
        private final Map<FlowNode, List<BoundaryEvent>> boundaries = new LinkedHashMap<>();
        /** The lanes under each row where its boundary events' ways run: the line above the first, and each one's. */
        private final List<Double> laneTops = new ArrayList<>();
        private final Map<BoundaryEvent, Integer> lanes = new HashMap<>();
        /** Each row's centre line, and how far its elements reach above and below it. */
        private final List<Double> centres = new ArrayList<>();
        private final List<Double> above = new ArrayList<>();
        private final List<Double> below = new ArrayList<>();

        Level(BaseElement container) {
            this.container = container;
            List<StartEvent> starts = container.getChildElementsByType(StartEvent.class).stream().toList();
            this.first = starts.stream().filter(start -> start.getEventDefinitions().isEmpty()).findFirst()
                    .orElseGet(() -> starts.isEmpty() ? null : starts.getFirst());
            container.getChildElementsByType(BoundaryEvent.class).forEach(boundary -> boundaries
                    .computeIfAbsent(boundary.getAttachedTo(), activity -> new ArrayList<>()).add(boundary));
        }

        /** Draws the level with its first row's top left at ({@code left}, {@code top}). */
        void draw(double left, double top) {
            if (first == null) {
                return;
            }
            addRow(chain(first));
            for (int row = 0; row < rows.size(); row++) {
                for (FlowNode node : List.copyOf(rows.get(row))) {
                    sortOutWaysOut(node);
                }
            }
            placeRows(left, top);
            routeRows();
            columns.forEach(this::drawColumns);
            intoLowerRow.forEach(this::routeIntoLowerRow);
            backUp.forEach(this::routeBackUp);
            for (int lane = 0; lane < skips.size(); lane++) {
                routeOverTheTop(skips.get(lane), lane);
            }
            boundaries.forEach(this::drawBoundaries);
        }

        /** From {@code node}, each next element along its usual way, until an end or an element already placed. */
        private List<FlowNode> chain(FlowNode node) {
            List<FlowNode> chain = new ArrayList<>();
            for (FlowNode at = node; at != null && !placed.contains(at) && !chain.contains(at); at = usualNext(at)) {
                chain.add(at);
            }
            return chain;
        }

        private void addRow(List<FlowNode> row) {
            rows.add(row);
            row.forEach(node -> rowOf.put(node, rows.size() - 1));
            placed.addAll(row);
        }

        /** Every way out of a row's element other than to the next in its row: a column, a lower row or a skip. */
        private void sortOutWaysOut(FlowNode node) {
            int row = rowOf.get(node);
            List<FlowNode> inRow = rows.get(row);
            int at = inRow.indexOf(node);
            for (SequenceFlow flow : node.getOutgoing()) {
                FlowNode target = flow.getTarget();
                if (at + 1 < inRow.size() && inRow.get(at + 1) == target) {
                    continue;
                }
                Integer targetRow = rowOf.get(target);
                if (targetRow != null && targetRow == row) {
                    skips.add(flow);
                } else if (targetRow != null) {
                    backUp.add(flow);
                } else if (!placed.contains(target)) {
                    List<FlowNode> chain = chain(target);
                    if (chain.getLast() instanceof EndEvent && !(node instanceof ParallelGateway)) {
                        columns.computeIfAbsent(node, gateway -> new ArrayList<>()).add(chain);
                        placed.addAll(chain);
                    } else {
                        intoLowerRow.add(flow);
                        addRow(chain);
                    }
                }
            }
        }

        /** Each row on its line, one below the other, far enough apart for what reaches above and below them. */
        private void placeRows(double left, double top) {
            double bottom = top;
            for (int row = 0; row < rows.size(); row++) {
                double half = half(row);
                double up = row == 0 ? half + LANE * (skips.size() + 1) : half;
                double down = half;
                for (FlowNode node : rows.get(row)) {
                    double nodeHalf = bounds(node).getHeight() / 2;
                    List<List<FlowNode>> gatewayColumns = columns.getOrDefault(node, List.of());
                    for (int c = 0; c < gatewayColumns.size(); c++) {
                        double reach = nodeHalf + columnLength(gatewayColumns.get(c));
                        if (goesUp(c)) {
                            up = Math.max(up, reach);
                        } else {
                            down = Math.max(down, reach);
                        }
                    }
                }
                double underRow = half;
                int lane = 0;
                for (FlowNode node : rows.get(row)) {
                    for (BoundaryEvent boundary : boundaries.getOrDefault(node, List.of())) {
                        underRow = Math.max(underRow, bounds(node).getHeight() / 2 + bounds(boundary).getHeight() / 2
                                + columnLength(followers(boundary)));
                        lanes.put(boundary, lane++);
                    }
                }
                if (lane > 0) {
                    down = Math.max(down, underRow + LANE * (lane + 1));
                }
                double centre = row == 0 ? top + up : bottom + 2 * GAP + up;
                laneTops.add(centre + underRow);
                centres.add(centre);
                above.add(up);
                below.add(down);
                bottom = centre + down;
                placeRow(row, left, centre);
            }
        }

        private double half(int row) {
            return rows.get(row).stream().mapToDouble(node -> bounds(node).getHeight() / 2).max().orElse(0);
        }

        /**
         * Left to right on the centre line, each {@link #GAP} after the last; a lower row starts under the element
         * after the gateway it leaves from. After a start event a wider gap leaves room for the other starts' ways in.
         */
        private void placeRow(int row, double left, double centre) {
            List<FlowNode> inRow = rows.get(row);
            double x = row == 0 ? left : intoLowerRow.stream().filter(flow -> flow.getTarget() == inRow.getFirst())
                    .findFirst().map(flow -> right(bounds(flow.getSource())) + GAP).orElse(left);
            for (FlowNode node : inRow) {
                Bounds bounds = bounds(node);
                moveTo(node, x, centre - bounds.getHeight() / 2);
                x += bounds.getWidth() + (node instanceof StartEvent ? 2 * GAP : GAP);
            }
        }

        private void routeRows() {
            for (int row = 0; row < rows.size(); row++) {
                List<FlowNode> inRow = rows.get(row);
                for (int at = 0; at + 1 < inRow.size(); at++) {
                    Bounds from = bounds(inRow.get(at));
                    Bounds to = bounds(inRow.get(at + 1));
                    route(flowBetween(inRow.get(at), inRow.get(at + 1)), right(from), centres.get(row), to.getX(),
                            centres.get(row));
                }
            }
        }

        /** A gateway's first column goes up, its second down. */
        private static boolean goesUp(int column) {
            return column % 2 == 0;
        }

        private double columnLength(List<FlowNode> column) {
            return column.stream().mapToDouble(node -> GAP + bounds(node).getHeight()).sum();
        }

        /** Each of a gateway's columns, its elements one after another {@link #GAP} apart on the gateway's centre. */
        private void drawColumns(FlowNode gateway, List<List<FlowNode>> gatewayColumns) {
            Bounds at = bounds(gateway);
            double centre = at.getX() + at.getWidth() / 2;
            for (int c = 0; c < gatewayColumns.size(); c++) {
                int direction = goesUp(c) ? -1 : 1;
                double side = direction < 0 ? at.getY() : at.getY() + at.getHeight();
                FlowNode previous = gateway;
                for (FlowNode node : gatewayColumns.get(c)) {
                    side = stack(previous, node, centre, side, direction);
                    previous = node;
                }
            }
        }

        /**
         * Puts {@code node} {@link #GAP} beyond {@code side} (up for a {@code direction} of -1, down for 1) on
         * {@code centre}, with the flow to it from {@code previous}; answers its far side.
         */
        private double stack(FlowNode previous, FlowNode node, double centre, double side, int direction) {
            double near = side + direction * GAP;
            Bounds bounds = bounds(node);
            double far = near + direction * bounds.getHeight();
            moveTo(node, centre - bounds.getWidth() / 2, Math.min(near, far));
            route(flowBetween(previous, node), centre, side, centre, near);
            return far;
        }

        /** Down from the gateway's foot to the lower row's line, and along it into the row's first element. */
        private void routeIntoLowerRow(SequenceFlow flow) {
            Bounds from = bounds(flow.getSource());
            Bounds to = bounds(flow.getTarget());
            double x = from.getX() + from.getWidth() / 2;
            double y = to.getY() + to.getHeight() / 2;
            route(flow, x, from.getY() + from.getHeight(), x, y, to.getX(), y);
        }

        /** Up from a lower row's last element to halfway between the rows, along, and up into the element it joins. */
        private void routeBackUp(SequenceFlow flow) {
            Bounds from = bounds(flow.getSource());
            Bounds to = bounds(flow.getTarget());
            int lower = rowOf.get(flow.getSource());
            double between = (centres.get(lower - 1) + below.get(lower - 1) + centres.get(lower) - above.get(lower))
                    / 2;
            double x = from.getX() + from.getWidth() / 2;
            double toX = to.getX() + to.getWidth() / 2;
            route(flow, x, from.getY(), x, between, toX, between, toX, to.getY() + to.getHeight());
        }

        /** Up from the source's top to its own lane above the row, along, and down into the later element. */
        private void routeOverTheTop(SequenceFlow flow, int lane) {
            Bounds from = bounds(flow.getSource());
            Bounds to = bounds(flow.getTarget());
            double y = centres.getFirst() - half(0) - LANE * (lane + 1);
            double x = from.getX() + from.getWidth() / 2;
            double toX = to.getX() + to.getWidth() / 2;
            route(flow, x, from.getY(), x, y, toX, y, toX, to.getY());
        }

        /** What follows a boundary event before the element its way joins: drawn in a column beneath it. */
        private List<FlowNode> followers(BoundaryEvent boundary) {
            List<FlowNode> followers = new ArrayList<>();
            for (FlowNode at = usualNext(boundary); at != null && !placed.contains(at) && !followers.contains(at)
                    && at.getParentElement() == container; at = usualNext(at)) {
                followers.add(at);
            }
            return followers;
        }

        /**
         * An activity's boundary events along its lower edge from the right, what follows each in a column beneath
         * it, and each one's way in its own lane under the row to the foot of the element it joins.
         */
        private void drawBoundaries(FlowNode activity, List<BoundaryEvent> attached) {
            Bounds at = bounds(activity);
            Integer row = rowOf.get(activity);
            for (int k = 0; k < attached.size(); k++) {
                BoundaryEvent boundary = attached.get(k);
                Bounds bounds = bounds(boundary);
                double centre = right(at) - bounds.getWidth() / 2 - 6 - (bounds.getWidth() + 8) * k;
                moveTo(boundary, centre - bounds.getWidth() / 2, at.getY() + at.getHeight() - bounds.getHeight() / 2);
                FlowNode last = boundary;
                double side = bounds.getY() + bounds.getHeight();
                for (FlowNode follower : followers(boundary)) {
                    side = stack(last, follower, centre, side, 1);
                    placed.add(follower);
                    last = follower;
                }
                double lane = row == null ? side + LANE : laneTops.get(row) + LANE * (lanes.get(boundary) + 1);
                for (SequenceFlow flow : last.getOutgoing()) {
                    Bounds to = bounds(flow.getTarget());
                    double toX = to.getX() + to.getWidth() / 4;
                    route(flow, centre, side, centre, lane, toX, lane, toX, to.getY() + to.getHeight());
                }
            }
        }

        /** One under another below the first start, each joining the first's way in before the element it leads to. */
        void placeOtherStarts() {
            Bounds firstBounds = bounds(first);
            double centre = firstBounds.getY() + firstBounds.getHeight() / 2;
            List<StartEvent> others = container.getChildElementsByType(StartEvent.class).stream()
                    .filter(start -> start != first).toList();
            for (int i = 0; i < others.size(); i++) {
                StartEvent start = others.get(i);
                Bounds bounds = bounds(start);
                double y = centre + 2 * GAP * (i + 1);
                moveTo(start, firstBounds.getX(), y - bounds.getHeight() / 2);
                for (SequenceFlow flow : start.getOutgoing()) {
                    Bounds to = bounds(flow.getTarget());
                    double join = right(firstBounds) + GAP;
                    double toY = to.getY() + to.getHeight() / 2;
                    route(flow, right(bounds), y, join, y, join, toY, to.getX(), toY);
                }
            }
        }
    }

    /**
     * The element a node usually goes on to: a gateway's default way, an event-based gateway's message (the way the
     * complainant's request takes, rather than its window's timer), or the first way out of anything else.
     */
    private static FlowNode usualNext(FlowNode node) {
        List<SequenceFlow> out = List.copyOf(node.getOutgoing());
        if (out.isEmpty()) {
            return null;
        }
        if (node instanceof ExclusiveGateway gateway && gateway.getDefault() != null) {
            return gateway.getDefault().getTarget();
        }
        if (node instanceof EventBasedGateway) {
            return out.stream().map(SequenceFlow::getTarget)
                    .filter(target -> target instanceof IntermediateCatchEvent event && event.getEventDefinitions()
                            .stream().anyMatch(MessageEventDefinition.class::isInstance))
                    .findFirst().orElse(out.getFirst().getTarget());
        }
        return out.getFirst().getTarget();
    }

    /** The subprocess's frame made to hold what is drawn inside it, {@link #PADDING} clear on the right and below. */
    private void fit(SubProcess subprocess) {
        Bounds frame = bounds(subprocess);
        double right = frame.getX();
        double bottom = frame.getY();
        for (Map.Entry<BaseElement, BpmnShape> shape : shapes.entrySet()) {
            if (shape.getKey() != subprocess && within(shape.getKey(), subprocess)) {
                right = Math.max(right, right(shape.getValue().getBounds()));
                bottom = Math.max(bottom, shape.getValue().getBounds().getY()
                        + shape.getValue().getBounds().getHeight());
            }
        }
        for (Map.Entry<BaseElement, BpmnEdge> edge : edges.entrySet()) {
            if (within(edge.getKey(), subprocess)) {
                for (Waypoint point : edge.getValue().getWaypoints()) {
                    right = Math.max(right, point.getX());
                    bottom = Math.max(bottom, point.getY());
                }
            }
        }
        frame.setWidth(right + PADDING - frame.getX());
        frame.setHeight(bottom + PADDING - frame.getY());
    }

    /** The builder draws event subprocesses over the main flow's start; they go underneath it, side by side. */
    private void moveEventSubprocessesBelow(Process process) {
        List<SubProcess> eventSubprocesses = process.getChildElementsByType(SubProcess.class).stream()
                .filter(SubProcess::triggeredByEvent).toList();
        double bottom = 0;
        for (Map.Entry<BaseElement, BpmnShape> shape : shapes.entrySet()) {
            if (eventSubprocesses.stream().noneMatch(sub -> within(shape.getKey(), sub))) {
                Bounds bounds = shape.getValue().getBounds();
                bottom = Math.max(bottom, bounds.getY() + bounds.getHeight());
            }
        }
        double x = LEFT + GAP;
        for (SubProcess sub : eventSubprocesses) {
            moveTo(sub, x, bottom + MARGIN);
            x += bounds(sub).getWidth() + GAP;
        }
    }

    /** Moves the node's shape, and for a subprocess everything drawn inside it, so its top left is at (x, y). */
    private void moveTo(FlowNode node, double x, double y) {
        Bounds bounds = bounds(node);
        double dx = x - bounds.getX();
        double dy = y - bounds.getY();
        shapes.forEach((element, shape) -> {
            if (within(element, node)) {
                shape.getBounds().setX(shape.getBounds().getX() + dx);
                shape.getBounds().setY(shape.getBounds().getY() + dy);
            }
        });
        edges.forEach((element, edge) -> {
            if (within(element, node)) {
                edge.getWaypoints().forEach(point -> {
                    point.setX(point.getX() + dx);
                    point.setY(point.getY() + dy);
                });
            }
        });
    }

    /** Whether the element is {@code node} or inside it. */
    private static boolean within(BaseElement element, FlowNode node) {
        for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
            if (at == node) {
                return true;
            }
        }
        return false;
    }

    /** The flow drawn through the points {@code xy} (x, y, x, y...), in order. */
    private void route(SequenceFlow flow, double... xy) {
        BpmnEdge edge = edges.get(flow);
        edge.getWaypoints().clear();
        for (int i = 0; i < xy.length; i += 2) {
            Waypoint point = model.newInstance(Waypoint.class);
            point.setX(xy[i]);
            point.setY(xy[i + 1]);
            edge.getWaypoints().add(point);
        }
    }

    private static SequenceFlow flowBetween(FlowNode source, FlowNode target) {
        return source.getOutgoing().stream().filter(flow -> flow.getTarget() == target).findFirst().orElseThrow();
    }

    private Bounds bounds(BaseElement element) {
        return shapes.get(element).getBounds();
    }

    private static double right(Bounds bounds) {
        return bounds.getX() + bounds.getWidth();
    }
}
