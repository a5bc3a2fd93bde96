package uk.redress.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.ServiceConfiguration;
import uk.redress.local.StackSettings;

/**
 * A Quarkus test resource that starts, through {@link LocalStackProcess}, the parts of the local stack one service
 * needs, and points the service under test at them. Name the service with the init argument {@code service}
 * ({@code complaint-service} or {@code notification-service}); a test reaches the stack through a
 * {@link LocalStackProcess} field annotated {@link InjectLocalStack}. A test whose figures depend on the dates things
 * happen pins the engine's clock, the service's "now", with the init argument {@code clockStart} (an instant).
 */
public final class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE = "service";
    public static final String CLOCK_START = "clockStart";

    private Part service;
    private Optional<Instant> clockStart;
    private LocalStackProcess stack;

    @Override
    public void init(Map<String, String> initArgs) {
        String id = initArgs.get(SERVICE);
        if (id == null) {
            throw new IllegalArgumentException("LocalStackTestResource needs the init argument '" + SERVICE + "'");
        }
        service = Part.byId(id);
        clockStart = Optional.ofNullable(initArgs.get(CLOCK_START)).map(Instant::parse);
    }

    @Override
    public Map<String, String> start() {
        try {
            StackSettings settings = LocalStackProcess.onFreePorts(ServiceConfiguration.partsNeededBy(service));
            stack = LocalStackProcess.start(clockStart.map(settings::withClockStart).orElse(settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ServiceConfiguration.connections(service, stack.settings());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(stack,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalStack.class, LocalStackProcess.class));
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
    }
}
