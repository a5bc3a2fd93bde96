package uk.redress.complaint.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseTest {

    @Test
    void laterReleasesAreNewer() {
        assertThat(Release.of("1.10.0").isNewerThan(Release.of("1.9.3"))).isTrue();
        assertThat(Release.of("2").isNewerThan(Release.of("1.99.99"))).isTrue();
        assertThat(Release.of("1.5.0").isNewerThan(Release.of("1.5.0-rc1"))).isTrue();
        assertThat(Release.of("1.5.0-rc2").isNewerThan(Release.of("1.5.0-rc1"))).isTrue();
        assertThat(Release.of("1.5.0-SNAPSHOT").isNewerThan(Release.of("1.4.9"))).isTrue();
        assertThat(Release.of("1.5").compareTo(Release.of("1.5.0"))).isZero();
        assertThat(Release.of("1.4.0").isNewerThan(Release.of("1.4.0"))).isFalse();
    }

    @Test
    void aReleaseThatIsNotNumberedIsRefusedWithTheRule() {
        assertThatThrownBy(() -> Release.of("latest")).hasMessageContaining("'latest' is not")
                .hasMessageContaining("numbers separated by dots");
    }

    @Test
    void anInstanceDeploysAtStartUnlessANewerReleaseIsDeployed() {
        Release ours = Release.of("1.4.0");
        assertThat(DeployedRelease.deploysAtStart(ours, Optional.empty(), false)).isTrue();
        assertThat(DeployedRelease.deploysAtStart(ours, deployed("1.3.2", false), false)).isTrue();
        assertThat(DeployedRelease.deploysAtStart(ours, deployed("1.4.0", false), false)).as("the same release")
                .isTrue();
        assertThat(DeployedRelease.deploysAtStart(ours, deployed("1.5.0", false), false)).isFalse();
        assertThat(DeployedRelease.deploysAtStart(ours, deployed("1.5.0", false), true)).as("a roll-back").isTrue();
    }

    @Test
    void aRunningInstancePutsItsProcessesBackOnlyOverAnOlderReleasesRestoredAfterALoss() {
        Release ours = Release.of("1.5.0");
        assertThat(DeployedRelease.putsBack(ours, deployed("1.4.0", true))).isTrue();
        assertThat(DeployedRelease.putsBack(ours, deployed("1.5.0", true))).isFalse();
        assertThat(DeployedRelease.putsBack(ours, deployed("1.6.0", true))).isFalse();
        assertThat(DeployedRelease.putsBack(ours, deployed("1.4.0", false))).as("a roll-back to 1.4.0").isFalse();
        assertThat(DeployedRelease.putsBack(ours, Optional.empty())).isFalse();
    }

    @Test
    void aRollBackWithdrawsTheReleaseRolledBackFrom() {
        Release rolledBackTo = Release.of("1.4.0");
        DeployedRelease rolledBack = DeployedRelease.deployedAtStart(rolledBackTo, deployed("1.5.0", false));
        assertThat(rolledBack).isEqualTo(new DeployedRelease(rolledBackTo, false, Optional.of(Release.of("1.5.0"))));

        assertThat(DeployedRelease.deploysAtStart(Release.of("1.5.0"), Optional.of(rolledBack), false))
                .as("an instance of the release rolled back from, restarting").isFalse();
        assertThat(DeployedRelease.deploysAtStart(Release.of("1.4.2"), Optional.of(rolledBack), false))
                .as("a release between the two").isFalse();
        assertThat(DeployedRelease.deploysAtStart(rolledBackTo, Optional.of(rolledBack), false))
                .as("the release rolled back to, without the setting").isTrue();
        assertThat(DeployedRelease.deploysAtStart(Release.of("1.5.1"), Optional.of(rolledBack), false))
                .as("the fix").isTrue();
        assertThat(DeployedRelease.putsBack(Release.of("1.5.0"),
                Optional.of(DeployedRelease.restoredAfterLoss(rolledBackTo, Optional.of(rolledBack)))))
                .as("the release rolled back from, after a loss").isFalse();

        DeployedRelease fixed = DeployedRelease.deployedAtStart(Release.of("1.5.1"), Optional.of(rolledBack));
        assertThat(fixed.withdrawnUpTo()).as("still withdrawn").contains(Release.of("1.5.0"));
        assertThat(DeployedRelease.deployedAtStart(Release.of("1.3.0"), Optional.of(fixed)).withdrawnUpTo())
                .as("a second roll-back").contains(Release.of("1.5.1"));
    }

    @Test
    void anOlderReleaseRestoringAfterALossWithdrawsNothing() {
        DeployedRelease restored = DeployedRelease.restoredAfterLoss(Release.of("1.4.0"), deployed("1.5.0", false));
        assertThat(restored).isEqualTo(new DeployedRelease(Release.of("1.4.0"), true, Optional.empty()));
        assertThat(DeployedRelease.putsBack(Release.of("1.5.0"), Optional.of(restored))).isTrue();
    }

    private static Optional<DeployedRelease> deployed(String release, boolean restoredAfterLoss) {
        return Optional.of(new DeployedRelease(Release.of(release), restoredAfterLoss, Optional.empty()));
    }
}
