package uk.redress.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void withoutOptionsEverythingStartsOnTheDocumentedPorts() {
        StackSettings settings = StackSettings.parse();

        assertThat(settings.parts()).isEqualTo(EnumSet.allOf(Part.class));
        assertThat(settings.port(Port.POSTGRES)).isEqualTo(15432);
        assertThat(settings.port(Port.KAFKA)).isEqualTo(19092);
        assertThat(settings.port(Port.ZEEBE)).isEqualTo(26500);
        assertThat(settings.port(Port.ENGINE_CLOCK)).isEqualTo(26501);
        assertThat(settings.port(Port.SMTP)).isEqualTo(3025);
        assertThat(settings.port(Port.MAILBOX)).isEqualTo(8025);
        assertThat(settings.port(Port.COMPLAINT_SERVICE)).isEqualTo(8080);
        assertThat(settings.port(Port.NOTIFICATION_SERVICE)).isEqualTo(8081);
        assertThat(settings.dataDir()).isEqualTo(Path.of(".redress-data").toAbsolutePath().normalize());
    }

    @Test
    void everyPortCanBeChanged() {
        StackSettings settings = StackSettings.parse("--complaint-service-port", "9080", "--engine-clock-port", "9501");

        assertThat(settings.port(Port.COMPLAINT_SERVICE)).isEqualTo(9080);
        assertThat(settings.port(Port.ENGINE_CLOCK)).isEqualTo(9501);
    }

    @Test
    void onlyTheNamedPartsStart() {
        StackSettings settings = StackSettings.parse("--only", "postgres, zeebe");

        assertThat(settings.parts()).containsExactlyInAnyOrder(Part.POSTGRES, Part.ZEEBE);
    }

    @Test
    void theCommandLineOfSettingsParsesBackToTheSameSettings() {
        StackSettings settings = StackSettings.parse("--only", "kafka,mail", "--smtp-port", "2525",
                "--data-dir", "/tmp/redress-test", "--exit-when-stdin-closes");

        assertThat(StackSettings.parse(settings.toArgs().toArray(String[]::new))).isEqualTo(settings);
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatThrownBy(() -> StackSettings.parse("--postgress-port", "1"))
                .hasMessage("unknown option '--postgress-port'");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> StackSettings.parse("--smtp-port", "70000"))
                .hasMessage("--smtp-port must be a port number from 1 to 65535, was '70000'");
    }

    @Test
    void anUnknownPartIsRefusedListingTheParts() {
        assertThatThrownBy(() -> StackSettings.parse("--only", "redis"))
                .hasMessageContaining("unknown part 'redis'")
                .hasMessageContaining("postgres, kafka, zeebe, mail, complaint-service, notification-service");
    }
}
