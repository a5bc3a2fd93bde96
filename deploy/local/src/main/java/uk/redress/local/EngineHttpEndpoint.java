package uk.redress.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camunda.zeebe.process.test.engine.OnceReadRecordSource;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import io.camunda.zeebe.protocol.record.value.VariableRecordValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The local engine's HTTP side. What the real Zeebe does not have: its clock ({@code GET /clock},
 * {@code POST /clock/add?duration=P4D}) and what its process instances are doing ({@code GET /process-instances}).
 * And the part of Camunda's orchestration REST API (v2) the services use, answered from the engine's records as a
 * real cluster answers it from its secondary storage: the incident search ({@code POST /v2/incidents/search}) and the
 * variable search ({@code POST /v2/variables/search}, over each process instance's own variables: what the services
 * search), with their filters on keys, names and state, and offset pages ({@code from}, {@code limit}).
 */
final class EngineHttpEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INDEXING_INTERVAL = Duration.ofSeconds(5);
    private static final Set<ValueType> INDEXED = EnumSet.of(ValueType.PROCESS_INSTANCE, ValueType.VARIABLE,
            ValueType.INCIDENT);

    private final ZeebeEngine engine;
    private final HttpServer server;
    private final Object recordsRead = new Object();
    // The index of the engine's records; guarded by recordsRead. It holds every instance the engine has had, so it
    // is kept compact: the names repeated in each (element ids, variable names, process and tenant ids), which every
    // record decodes into a string of its own, are interned, and an instance's variables and active elements are held
    // in arrays rather than a map entry and an object each (deploy/benchmark/run scale).
    private final Map<Long, ProcessInstanceView> instances = new LinkedHashMap<>();
    // Each process instance's own variables (its scope), by name: what the services search for. Variables of inner
    // scopes are not kept: at 10,000 complaints they held a quarter of the stack's heap, and nothing asks for them.
    private final Map<Long, InstanceVariables> instanceVariables = new LinkedHashMap<>();
    private final Map<Long, Map<String, Object>> incidents = new LinkedHashMap<>();
    /**
     * Indexes what is new every few seconds even when nobody asks: the engine lets go of its log only behind its
     * slowest reader, and the record stream indexed here is one.
     */
    private final ScheduledExecutorService indexing =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("engine-indexing").factory());

    EngineHttpEndpoint(ZeebeEngine engine, int port) throws IOException {
        this.engine = engine;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        // Each request on its own thread: the services read the clock while a move of it fires a burst of timers.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/clock/add", exchange -> HttpResponses.handle(exchange, "POST", this::addToClock));
        server.createContext("/clock", exchange -> HttpResponses.handle(exchange, "GET", e -> clock()));
        // The engine's records are read one reader at a time: its record stream is not made for two.
        server.createContext("/process-instances",
                exchange -> HttpResponses.handle(exchange, "GET", e -> readingRecords(this::processInstances)));
        server.createContext("/v2/incidents/search", exchange -> HttpResponses.handle(exchange, "POST",
                e -> page(readingRecords(this::incidents), Map::get, Function.identity(), request(e))));
        server.createContext("/v2/variables/search", exchange -> HttpResponses.handle(exchange, "POST",
                e -> page(readingRecords(this::variables), IndexedVariable::field, IndexedVariable::toJson,
                        request(e))));
    }

    void start() {
        server.start();
        indexing.scheduleWithFixedDelay(this::indexQuietly, INDEXING_INTERVAL.toMillis(), INDEXING_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void indexQuietly() {
        try {
            readingRecords(() -> null);
        } catch (RuntimeException e) {
            System.err.println("The engine's records could not be indexed (tried again in "
                    + INDEXING_INTERVAL.toSeconds() + " s): " + e);
        }
    }

    /** Brings the index up to the engine's latest record, then answers from it; one reader at a time. */
    private <T> T readingRecords(Supplier<T> read) {
        synchronized (recordsRead) {
            catchUp();
            return read.get();
        }
    }

    private Object clock() {
        return Map.of("now", engine.now().toString());
    }

    private Object addToClock(HttpExchange exchange) {
        String duration = query(exchange).get("duration");
        if (duration == null) {
            throw new HttpResponses.BadRequest("the query parameter 'duration' is required, for example ?duration=P4D");
        }
        try {
            Instant now = engine.moveClockForward(Duration.parse(duration));
            return Map.of("now", now.toString(), "added", duration);
        } catch (DateTimeParseException e) {
            throw new HttpResponses.BadRequest(
                    "'duration' must be an ISO 8601 duration such as P4D or PT36H, was '" + duration + "'");
        } catch (IllegalArgumentException e) {
            throw new HttpResponses.BadRequest(e.getMessage());
        }
    }

    /**
     * Reads the records the engine wrote since the last read into the index: a read costs what is new, and only the
     * events indexed here are decoded (see {@link OnceReadRecordSource}).
     */
    private void catchUp() {
        ((OnceReadRecordSource) engine.engine().getRecordStreamSource()).readNew(EngineHttpEndpoint::indexed,
                this::index);
    }

    private static boolean indexed(RecordMetadata metadata) {
        return metadata.getRecordType() == RecordType.EVENT && INDEXED.contains(metadata.getValueType());
    }

    private void index(Record<?> record) {
        switch (record.getValueType()) {
            case PROCESS_INSTANCE -> {
                ProcessInstanceRecordValue value = (ProcessInstanceRecordValue) record.getValue();
                instances.computeIfAbsent(value.getProcessInstanceKey(),
                        key -> new ProcessInstanceView(key, value.getBpmnProcessId().intern()))
                        .apply((ProcessInstanceIntent) record.getIntent(), value);
            }
            case VARIABLE -> {
                VariableRecordValue value = (VariableRecordValue) record.getValue();
                // Variables are written before the instance's first element activates: matched up when asked.
                if (value.getScopeKey() == value.getProcessInstanceKey()) {
                    instanceVariables.computeIfAbsent(value.getProcessInstanceKey(),
                                    key -> new InstanceVariables(key, value.getTenantId().intern()))
                            .put(record.getKey(), value.getName().intern(), value.getValue());
                }
            }
            case INCIDENT -> {
                IncidentRecordValue value = (IncidentRecordValue) record.getValue();
                if (record.getIntent() == IncidentIntent.CREATED) {
                    Map<String, Object> incident = new LinkedHashMap<>();
                    incident.put("incidentKey", String.valueOf(record.getKey()));
                    incident.put("processDefinitionKey", String.valueOf(value.getProcessDefinitionKey()));
                    incident.put("processDefinitionId", value.getBpmnProcessId());
                    incident.put("processInstanceKey", String.valueOf(value.getProcessInstanceKey()));
                    incident.put("errorType", value.getErrorType().name());
                    incident.put("errorMessage", value.getErrorMessage());
                    incident.put("elementId", value.getElementId());
                    incident.put("elementInstanceKey", String.valueOf(value.getElementInstanceKey()));
                    incident.put("creationTime", Instant.ofEpochMilli(record.getTimestamp()).toString());
                    incident.put("state", "ACTIVE");
                    incident.put("jobKey", value.getJobKey() > 0 ? String.valueOf(value.getJobKey()) : null);
                    incident.put("tenantId", value.getTenantId());
                    incidents.put(record.getKey(), incident);
                } else if (record.getIntent() == IncidentIntent.RESOLVED && incidents.containsKey(record.getKey())) {
                    incidents.get(record.getKey()).put("state", "RESOLVED");
                }
            }
            default -> {
            }
        }
    }

    /** Each process instance with its variables and the elements it has completed or is waiting in. */
    private List<Map<String, Object>> processInstances() {
        return instances.values().stream().map(instance -> {
            Map<String, Object> variables = new LinkedHashMap<>();
            InstanceVariables own = instanceVariables.get(instance.key);
            if (own != null) {
                own.all().forEach(variable -> variables.put(variable.name(), parse(variable.value())));
            }
            return instance.toJson(variables);
        }).toList();
    }

    /** Every incident the engine raised, by key, with its state now (ACTIVE until resolved). */
    private List<Map<String, Object>> incidents() {
        // Copies: the index changes on while the answer is written out.
        return incidents.values().stream().<Map<String, Object>>map(LinkedHashMap::new).toList();
    }

    /** Every process instance's own variables as they stand. */
    private List<IndexedVariable> variables() {
        return instanceVariables.values().stream().flatMap(InstanceVariables::all).toList();
    }

    private static JsonNode request(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new HttpResponses.BadRequest("the body must be a JSON search request: " + e.getMessage());
        }
    }

    /**
     * The items matching the request's filter (each field equal, given as a value or as {@code {"$eq": value}}), the
     * page from {@code page.from} of at most {@code page.limit} (default 100).
     */
    private static <T> Map<String, Object> page(List<T> all, BiFunction<T, String, Object> field,
                                                Function<T, Map<String, Object>> json, JsonNode request) {
        JsonNode filter = request.path("filter");
        List<T> matching = all.stream().filter(item -> {
            for (var name : filter.properties()) {
                JsonNode wanted = name.getValue().isObject() ? name.getValue().path("$eq") : name.getValue();
                if (wanted.isMissingNode() || wanted.isNull()) {
                    throw new HttpResponses.BadRequest("filter '" + name.getKey() + "': only equality is supported");
                }
                if (!wanted.asText().equals(String.valueOf(field.apply(item, name.getKey())))) {
                    return false;
                }
            }
            return true;
        }).toList();
        int from = request.path("page").path("from").asInt(0);
        int limit = request.path("page").path("limit").asInt(100);
        List<Map<String, Object>> page = matching.subList(Math.min(from, matching.size()),
                Math.min(from + limit, matching.size())).stream().map(json).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page);
        answer.put("page", Map.of("totalItems", matching.size(), "hasMoreTotalItems", false));
        return answer;
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (IOException e) {
            return json;
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        indexing.shutdownNow();
        server.stop(0);
    }

    /** A variable of a process instance's own scope, as the engine last wrote it. */
    private record IndexedVariable(long key, String name, String value, long processInstanceKey, String tenantId) {

        /** A field as the search's filter names it; the scope is always the instance's own. */
        Object field(String name) {
            return switch (name) {
                case "variableKey" -> key;
                case "name" -> this.name;
                case "value" -> value;
                case "isTruncated" -> false;
                case "scopeKey", "processInstanceKey" -> processInstanceKey;
                case "tenantId" -> tenantId;
                default -> null;
            };
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("variableKey", String.valueOf(key));
            json.put("name", name);
            json.put("value", value);
            json.put("isTruncated", false);
            json.put("scopeKey", String.valueOf(processInstanceKey));
            json.put("processInstanceKey", String.valueOf(processInstanceKey));
            json.put("tenantId", tenantId);
            return json;
        }
    }

    /** One process instance's own variables, by name, as the engine last wrote each: in insertion order. */
    private static final class InstanceVariables {
        private final long processInstanceKey;
        private final String tenantId;
        private long[] keys = new long[8];
        private String[] names = new String[8];
        private String[] values = new String[8];
        private int size;

        InstanceVariables(long processInstanceKey, String tenantId) {
            this.processInstanceKey = processInstanceKey;
            this.tenantId = tenantId;
        }

        void put(long key, String name, String value) {
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    keys[i] = key;
                    values[i] = value;
                    return;
                }
            }
            if (size == names.length) {
                keys = Arrays.copyOf(keys, size * 2);
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            names[size] = name;
            values[size] = value;
            size++;
        }

        Stream<IndexedVariable> all() {
            return IntStream.range(0, size).mapToObj(i -> new IndexedVariable(keys[i], names[i], values[i],
                    processInstanceKey, tenantId));
        }
    }

    private static final class ProcessInstanceView {
        private final long key;
        private final String bpmnProcessId;
        private String state = "ACTIVE";
        // A set, kept as a list: an element activated again while active is listed once, as before.
        private final List<String> activeElements = new ArrayList<>(4);
        private final List<String> completedElements = new ArrayList<>();

        ProcessInstanceView(long key, String bpmnProcessId) {
            this.key = key;
            this.bpmnProcessId = bpmnProcessId;
        }

        void apply(ProcessInstanceIntent intent, ProcessInstanceRecordValue value) {
            boolean isProcess = value.getBpmnElementType() == BpmnElementType.PROCESS;
            switch (intent) {
                case ELEMENT_ACTIVATED -> {
                    if (!isProcess) {
                        String element = value.getElementId().intern();
                        if (!activeElements.contains(element)) {
                            activeElements.add(element);
                        }
                    }
                }
                case ELEMENT_COMPLETED, ELEMENT_TERMINATED -> {
                    if (isProcess) {
                        state = intent == ProcessInstanceIntent.ELEMENT_COMPLETED ? "COMPLETED" : "TERMINATED";
                    } else {
                        activeElements.remove(value.getElementId());
                        if (intent == ProcessInstanceIntent.ELEMENT_COMPLETED) {
                            completedElements.add(value.getElementId().intern());
                        }
                    }
                }
                default -> {
                }
            }
        }

        Map<String, Object> toJson(Map<String, Object> variables) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("processInstanceKey", key);
            json.put("bpmnProcessId", bpmnProcessId);
            json.put("state", state);
            json.put("activeElements", List.copyOf(activeElements));
            json.put("completedElements", List.copyOf(completedElements));
            json.put("variables", variables);
            return json;
        }
    }
}
