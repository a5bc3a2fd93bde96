package uk.redress.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
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
        assertThat(settings.port(Port.ENGINE_HTTP)).isEqualTo(26501);
        assertThat(settings.port(Port.SMTP)).isEqualTo(3025);
        assertThat(settings.port(Port.MAILBOX)).isEqualTo(8025);
        assertThat(settings.port(Port.COMPLAINT_SERVICE)).isEqualTo(8080);
        assertThat(settings.port(Port.NOTIFICATION_SERVICE)).isEqualTo(8081);
        assertThat(settings.dataDir()).isEqualTo(Path.of(".redress-data").toAbsolutePath().normalize());
    }

    @Test
    void everyPortCanBeChanged() {
        StackSettings settings = StackSettings.parse("--complaint-service-port", "9080", "--engine-http-port", "9501");

        assertThat(settings.port(Port.COMPLAINT_SERVICE)).isEqualTo(9080);
        assertThat(settings.port(Port.ENGINE_HTTP)).isEqualTo(9501);
    }

    @Test
    void onlyTheNamedPartsStart() {
        StackSettings settings = StackSettings.parse("--only", "postgres, zeebe");

        assertThat(settings.parts()).containsExactlyInAnyOrder(Part.POSTGRES, Part.ZEEBE);
    }

    @Test
    void theCommandLineOfSettingsParsesBackToTheSameSettings() {
        StackSettings settings = StackSettings.parse("--only", "kafka,mail", "--smtp-port", "2525",
                "--data-dir", "/tmp/redress-test", "--clock-start", "2027-03-28T00:30:00Z", "--instances", "2", "--exit-when-stdin-closes");

        assertThat(StackSettings.parse(settings.toArgs().toArray(String[]::new))).isEqualTo(settings);
    }

    @Test
    void theEngineClockStartsNowUnlessAnInstantIsGiven() {
        assertThat(StackSettings.parse().clockStart()).isEmpty();
        assertThat(StackSettings.parse("--clock-start", "now").clockStart()).isEmpty();
        assertThat(StackSettings.parse("--clock-start", "2026-12-24T10:00:00Z").clockStart())
                .hasValue(Instant.parse("2026-12-24T10:00:00Z"));
        // Half past midnight UK time on the night the clocks go back, given in summer time.
        assertThat(StackSettings.parse("--clock-start", "2027-10-31T00:30:00+01:00").clockStart())
                .hasValue(Instant.parse("2027-10-30T23:30:00Z"));
    }

    @Test
    void aClockStartThatIsNotAnInstantIsRefused() {
        assertThatThrownBy(() -> StackSettings.parse("--clock-start", "2026-12-24"))
                .hasMessage("--clock-start must be an instant such as 2026-11-23T09:00:00Z (with its offset), or "
                        + "'now'; was '2026-12-24'");
    }

    @Test
    void aPartAloneKeepsThePortsAndTheClock() {
        StackSettings settings = StackSettings.parse("--clock-start", "2026-12-24T10:00:00Z", "--zeebe-port", "9500");

        StackSettings engineAlone = settings.alone(Part.ZEEBE, "engine-alone");

        assertThat(engineAlone.parts()).containsExactly(Part.ZEEBE);
        assertThat(engineAlone.port(Port.ZEEBE)).isEqualTo(9500);
        assertThat(engineAlone.clockStart()).isEqualTo(settings.clockStart());
        assertThat(engineAlone.dataDir()).isEqualTo(settings.dataDir().resolve("engine-alone"));
    }

    @Test
    void eachServiceRunsAsManyInstancesAsAskedTenPortsApart() {
        StackSettings settings = StackSettings.parse("--instances", "2", "--only", "postgres,complaint-service");

        assertThat(settings.instances()).isEqualTo(2);
        assertThat(settings.port(Port.COMPLAINT_SERVICE, 1)).isEqualTo(8090);
        assertThat(settings.takenPorts()).containsOnlyKeys(15432, 8080, 8090)
                .containsEntry(8090, "complaint-service 2");
        assertThat(StackSettings.parse().instances()).isEqualTo(1);
        assertThatThrownBy(() -> StackSettings.parse("--instances", "0"))
                .hasMessage("--instances must be a number from 1 to 9, was '0'");
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
