package uk.redress.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import uk.redress.local.LocalStackProcess;
import uk.redress.local.Part;
import uk.redress.local.ServiceConfiguration;

/**
 * A Quarkus test resource that starts, through {@link LocalStackProcess}, the parts of the local stack one service
 * needs, and points the service under test at them. Name the service with the init argument {@code service}
 * ({@code complaint-service} or {@code notification-service}); a test reaches the stack through a
 * {@link LocalStackProcess} field annotated {@link InjectLocalStack}.
 */
public final class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE = "service";

    private Part service;
    private LocalStackProcess stack;

    @Override
    public void init(Map<String, String> initArgs) {
        String id = initArgs.get(SERVICE);
        if (id == null) {
            throw new IllegalArgumentException("LocalStackTestResource needs the init argument '" + SERVICE + "'");
        }
        service = Part.byId(id);
    }

    @Override
    public Map<String, String> start() {
        stack = LocalStackProcess.start(ServiceConfiguration.partsNeededBy(service));
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
