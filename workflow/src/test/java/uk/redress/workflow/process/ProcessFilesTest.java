package uk.redress.workflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import uk.redress.workflow.procedure.ProcedurePolicies;

/**
 * The committed BPMN files are exactly what their policy files generate, so the two never drift. After changing a
 * policy, write the files anew: {@code ./mvnw -pl workflow test -Dtest=ProcessFilesTest -Dredress.write-bpmn=true}.
 */
class ProcessFilesTest {

    private static final ProcedurePolicies POLICIES = ProcedurePolicies.shipped();
    static final List<String> PROCEDURES = ProcedurePolicies.SHIPPED;

    @ParameterizedTest
    @FieldSource("PROCEDURES")
    void theBpmnFileIsWhatThePolicyGenerates(String procedureId) throws IOException {
        String generated = Bpmn.convertToString(
                BpmnGenerator.generate(POLICIES.find(procedureId).orElseThrow(), POLICIES.informalResolution()));
        Path file = Path.of("src/main/resources", ComplaintProcesses.bpmnResource(procedureId));
        if (Boolean.getBoolean("redress.write-bpmn")) {
            Files.writeString(file, generated);
        }
        assertThat(file).as("run with -Dredress.write-bpmn=true to write it anew").exists();
        assertThat(Files.readString(file)).isEqualTo(generated);
    }
}
