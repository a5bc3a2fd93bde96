package uk.redress.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each overlay as a platform team renders it ({@code kubectl kustomize}, with no cluster), read into the Kubernetes
 * (fabric8) and Strimzi model classes: a field either does not know is a failure, not something the cluster would
 * quietly drop. CloudNativePG and its Barman Cloud plugin publish no Java model; their resources are checked for what
 * the deployment depends on.
 */
class ManifestsTest {

    private static final Path KUBERNETES = Kustomize.KUBERNETES;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));
    private static final Set<String> WITHOUT_JAVA_MODEL = Set.of("postgresql.cnpg.io/v1/Cluster",
            "postgresql.cnpg.io/v1/ScheduledBackup", "barmancloud.cnpg.io/v1/ObjectStore");

    static Stream<Path> overlays() throws IOException {
        try (Stream<Path> overlays = Files.list(KUBERNETES.resolve("overlays"))) {
            return overlays.sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyResourceReadsIntoItsModelWithNoFieldItDoesNotKnow(Path overlay) throws Exception {
        List<JsonNode> resources = Kustomize.render(overlay);

        assertThat(resources).isNotEmpty();
        for (JsonNode resource : resources) {
            String type = resource.path("apiVersion").asText() + "/" + resource.path("kind").asText();
            String name = type + " " + resource.path("metadata").path("name").asText();
            if (WITHOUT_JAVA_MODEL.contains(type)) {
                continue;
            }
            assertThat(MODELS).as("a model for " + name).containsKey(type);
            Object model = JSON.treeToValue(resource, MODELS.get(type));
            assertThat(unknownFields(model, type)).as(name).isEmpty();
        }
    }

    @Test
    void durhamRunsTwoOfEachServiceHardenedAndProbed() throws Exception {
        List<JsonNode> resources = Kustomize.render(KUBERNETES.resolve("overlays/durham"));
        assertThat(of(resources, Namespace.class)).extracting(namespace -> namespace.getMetadata().getName())
                .containsExactly("redress-durham");

        for (String service : List.of("complaint-service", "notification-service")) {
            Deployment deployment = named(of(resources, Deployment.class), service);
            assertThat(deployment.getMetadata().getNamespace()).isEqualTo("redress-durham");
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(pod.getTopologySpreadConstraints()).isNotEmpty();
            Container container = pod.getContainers().getFirst();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            // The master key is a file from a Secret, and its setting points at it.
            assertThat(container.getVolumeMounts()).anyMatch(mount -> Boolean.TRUE.equals(mount.getReadOnly())
                    && mount.getMountPath().equals("/run/secrets/redress"));
            assertThat(named(of(resources, PodDisruptionBudget.class), service).getSpec().getMinAvailable()
                    .getIntVal()).isEqualTo(1);
            assertThat(named(of(resources, Service.class), service)).isNotNull();
        }
    }

    @Test
    void theTopicsAreReplicatedAndEachServiceMayDoOnlyWhatItNeeds() throws Exception {
        List<JsonNode> resources = Kustomize.render(KUBERNETES.resolve("overlays/durham"));

        List<KafkaTopic> topics = of(resources, KafkaTopic.class);
        assertThat(topics).extracting(topic -> topic.getMetadata().getName())
                .containsExactlyInAnyOrder("complaint-events", "sla-alerts");
        for (KafkaTopic topic : topics) {
            assertThat(topic.getSpec().getReplicas()).isEqualTo(3);
            assertThat(topic.getSpec().getConfig()).containsEntry("min.insync.replicas", 2);
        }
        // complaint-events is what other systems rebuild from: kept for ever.
        assertThat(named(topics, "complaint-events").getSpec().getConfig()).containsEntry("retention.ms", -1);

        Map<String, Set<String>> topicsOf = of(resources, KafkaUser.class).stream().collect(Collectors.toMap(
                user -> user.getMetadata().getName(), user -> ((KafkaUserAuthorizationSimple)
                        user.getSpec().getAuthorization()).getAcls().stream()
                        .map(AclRule::getResource).filter(AclRuleTopicResource.class::isInstance)
                        .map(resource -> ((AclRuleTopicResource) resource).getName()).collect(Collectors.toSet())));
        assertThat(topicsOf).containsOnlyKeys("complaint-service", "notification-service");
        assertThat(topicsOf.get("complaint-service")).containsExactlyInAnyOrder("complaint-events", "sla-alerts");
        assertThat(topicsOf.get("notification-service")).containsExactlyInAnyOrder("complaint-events", "sla-alerts");
        assertThat(of(resources, KafkaNodePool.class)).allMatch(pool -> pool.getSpec().getReplicas() == 3);
    }

    @Test
    void postgresIsThreeInstancesWithARoleForEachServiceAndBackups() throws Exception {
        List<JsonNode> resources = Kustomize.render(KUBERNETES.resolve("overlays/durham"));

        JsonNode cluster = resources.stream().filter(resource -> resource.path("kind").asText().equals("Cluster"))
                .findFirst().orElseThrow();
        assertThat(cluster.path("spec").path("instances").asInt()).isEqualTo(3);
        List<String> roles = new ArrayList<>();
        cluster.path("spec").path("managed").path("roles").forEach(role -> roles.add(role.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrder("complaint-service", "notification-service");
        assertThat(cluster.path("spec").path("plugins").findValuesAsText("name"))
                .contains("barman-cloud.cloudnative-pg.io");
        assertThat(resources).anyMatch(resource -> resource.path("kind").asText().equals("ScheduledBackup"))
                .anyMatch(resource -> resource.path("kind").asText().equals("ObjectStore"));
    }

    @Test
    void theComposeFileIsOneDockerComposeAccepts() throws Exception {
        Path compose = KUBERNETES.resolveSibling("compose").resolve("compose.yaml");
        Process check = new ProcessBuilder("docker-compose", "-f", compose.toString(), "config", "--quiet")
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("docker-compose config: %s", output).isZero();
    }

    private static <T> List<T> of(List<JsonNode> resources, Class<T> model) {
        String kind = MODELS.entrySet().stream().filter(entry -> entry.getValue().equals(model)).findFirst()
                .orElseThrow().getKey();
        return resources.stream()
                .filter(resource -> kind.equals(resource.path("apiVersion").asText() + "/"
                        + resource.path("kind").asText()))
                .map(resource -> JSON.convertValue(resource, model))
                .toList();
    }

    private static <T extends HasMetadata> T named(List<T> resources, String name) {
        return resources.stream().filter(resource -> resource.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
    }

    /**
     * The fields the model kept aside as unknown, anywhere in it, each as its path: the models keep what they do not
     * know in {@code additionalProperties} rather than refuse it.
     */
    private static List<String> unknownFields(Object model, String path) {
        List<String> unknown = new ArrayList<>();
        walk(model, path, unknown, new IdentityHashMap<>());
        return unknown;
    }

    /** {@code getSpec} as {@code spec}. */
    private static String property(Method getter) {
        String name = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static void walk(Object value, String path, List<String> unknown, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, unknown, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(path + "." + getter.getName(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> additional && !additional.isEmpty()) {
                    additional.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else {
                walk(field, path + "." + property(getter), unknown, seen);
            }
        }
    }
}
