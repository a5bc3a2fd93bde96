package uk.redress.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The manifests as a platform team renders them, with {@code kubectl kustomize} and no cluster. */
final class Kustomize {

    static final Path KUBERNETES = Path.of(System.getProperty("redress.home", "../..")).resolve("deploy/kubernetes");

    private Kustomize() {
    }

    /** The overlay rendered, a node a resource. */
    static List<JsonNode> render(Path overlay) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", overlay.toString()).start();
        byte[] output = kubectl.getInputStream().readAllBytes();
        String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(kubectl.exitValue()).as("kubectl kustomize %s: %s", overlay, errors).isZero();
        List<JsonNode> resources = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(output)) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            yaml.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isEmpty()) {
                    resources.add(node);
                }
            });
        }
        return resources;
    }
}
