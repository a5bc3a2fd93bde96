package uk.redress.complaint.process;

import io.camunda.client.CamundaClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A tiny process the service deploys to tell whether the engine still holds what it was given. Its content names a
 * generation; deploying the same content again answers the same version on the same engine, and version 1 on an
 * engine that has lost it. Keys would not tell: a fresh engine hands out the same keys again.
 */
@ApplicationScoped
public class EngineSentinel {

    static final String PROCESS_ID = "redress-engine-generation";
    private static final String RESOURCE = "redress-engine-generation.bpmn";

    private final CamundaClient engine;

    public EngineSentinel(CamundaClient engine) {
        this.engine = engine;
    }

    /** Deploys the sentinel of {@code generation}; answers the version the engine holds it as. */
    public Uni<Integer> deploy(UUID generation) {
        return deploy(generation.toString());
    }

    /**
     * Deploys a new generation's sentinel after a throwaway one, so that it is at least version 2: then an engine
     * that answers version 1 for it has certainly lost it.
     */
    public Uni<Integer> deployNew(UUID generation) {
        return deploy("before " + generation).chain(ignored -> deploy(generation));
    }

    private Uni<Integer> deploy(String content) {
        return Uni.createFrom()
                .completionStage(() -> engine.newDeployResourceCommand()
                        .addResourceStringUtf8(bpmn(content), RESOURCE)
                        .send())
                .map(deployment -> deployment.getProcesses().getFirst().getVersion());
    }

    private static String bpmn(String generation) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    id="Definitions_EngineGeneration" targetNamespace="https://redress.uk/engine-generation">
                  <bpmn:process id="%s" name="Redress engine generation %s" isExecutable="true">
                    <bpmn:startEvent id="GenerationStartEvent">
                      <bpmn:outgoing>GenerationFlow</bpmn:outgoing>
                    </bpmn:startEvent>
                    <bpmn:sequenceFlow id="GenerationFlow" sourceRef="GenerationStartEvent" targetRef="GenerationEndEvent"/>
                    <bpmn:endEvent id="GenerationEndEvent">
                      <bpmn:incoming>GenerationFlow</bpmn:incoming>
                    </bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(PROCESS_ID, generation);
    }
}
