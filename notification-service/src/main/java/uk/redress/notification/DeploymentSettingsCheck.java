package uk.redress.notification;

import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import uk.redress.workflow.procedure.ProcedurePolicies;
import uk.redress.workflow.settings.DeploymentSettings;
import uk.redress.workflow.settings.DeploymentSettings.Rule;
import uk.redress.workflow.settings.DeploymentSettings.Setting;

/**
 * Stops the start when the deployment's settings are incomplete or, in production, the local stack's (see there), or
 * when a policy file in the procedures folder breaks a rule.
 */
@ApplicationScoped
class DeploymentSettingsCheck {

    private static final List<Setting> SETTINGS = settings();

    /** As the container comes up: before the schema's migration, the first thing that connects anywhere. */
    void check(@Observes @Initialized(ApplicationScoped.class) Object containerStarted) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        DeploymentSettings.require("notification service", config.getProfiles(), SETTINGS,
                name -> config.getOptionalValue(name, String.class));
        // A council's own policy files too: a broken one names its file, line, field and rule.
        ProcedurePolicies.load(config.getOptionalValue("redress.procedures.directory", Path.class));
    }

    private static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>(DeploymentSettings.COMMON);
        settings.add(new Setting("quarkus.mailer.host", Rule.REQUIRED));
        settings.add(new Setting("quarkus.mailer.from", Rule.REQUIRED));
        settings.add(new Setting("redress.notifications.default-address", Rule.REQUIRED));
        // Every email's link to the tasklist: one to this machine reaches no reader.
        settings.add(new Setting("redress.notifications.tasklist-address", Rule.ADDRESS));
        settings.add(new Setting("redress.clock.engine-clock-file", Rule.LOCAL_STACK_ONLY));
        return List.copyOf(settings);
    }
}
