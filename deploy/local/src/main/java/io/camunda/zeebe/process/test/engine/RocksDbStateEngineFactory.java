package io.camunda.zeebe.process.test.engine;

import io.camunda.security.auth.BrokerRequestAuthorizationConverter;
import io.camunda.security.configuration.SecurityConfiguration;
import io.camunda.search.clients.SearchClientsProxy;
import io.camunda.zeebe.db.AccessMetricsConfiguration;
import io.camunda.zeebe.db.ConsistencyChecksSettings;
import io.camunda.zeebe.db.ZeebeDb;
import io.camunda.zeebe.db.impl.rocksdb.RocksDbConfiguration;
import io.camunda.zeebe.db.impl.rocksdb.ZeebeRocksDbFactory;
import io.camunda.zeebe.engine.Engine;
import io.camunda.zeebe.engine.EngineConfiguration;
import io.camunda.zeebe.engine.processing.EngineProcessors;
import io.camunda.zeebe.engine.processing.message.command.SubscriptionCommandSender;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.protocol.ZbColumnFamilies;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.scheduler.ActorScheduler;
import io.camunda.zeebe.scheduler.clock.ControlledActorClock;
import io.camunda.zeebe.stream.impl.ControllableStreamClockImpl;
import io.camunda.zeebe.stream.impl.StreamProcessor;
import io.camunda.zeebe.util.FeatureFlags;
import io.grpc.ServerBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The zeebe-process-test engine (the real Zeebe engine, its gRPC gateway and an in-memory log) wired as its own
 * {@code EngineFactory} wires it, but with the engine's state in RocksDB, as a Zeebe broker keeps it, a log that
 * lets go of what its readers have passed ({@link CompactingLogStorage}), and, as a broker does, a memory of the
 * scheduled commands written and not yet processed ({@link PendingScheduledCommands}).
 *
 * <p>Why: the test engine's own in-memory state store visits every later key of every column family on each prefix
 * scan (it skips a key outside the prefix instead of stopping there), so each command costs time in proportion to
 * everything the engine holds. A few thousand open processes with their timers brought the local stack to a crawl
 * (profiled: three quarters of the engine's time in that scan). RocksDB seeks to the prefix and stops after it.
 *
 * <p>This class sits in the engine's package because the parts it wires are package-private there.
 */
public final class RocksDbStateEngineFactory {

    private static final int PARTITION_ID = 1;
    private static final int PARTITION_COUNT = 1;
    /**
     * The state's block cache and write buffers. At 64 MiB the engine's own work a complaint rose at 100,000 open
     * complaints, to 19.0 and 13.7 ms from 11.1 to 13.2 at fewer (scale runs 25 and 26, 6 December 2026; its state was
     * some 330 MB on disk at 60,000); at 128, in runs 27 to 30, it was 0.97 to 1.30 times its work at 0 open when
     * 100,000 were open, the whole stack 1,935 to 1,971 MB there. Where it rose, it rose in every part of the engine
     * alike: profiled at each level (run 30), its state's reads and writes stayed 6 to 10% of its thread, RocksDB's
     * own 1 to 2%. The broker's default (512 MiB) is sized for a server.
     */
    private static final long STATE_MEMORY_LIMIT_BYTES = 128L * 1024 * 1024;

    private RocksDbStateEngineFactory() {}

    /**
     * An engine whose gRPC gateway will listen on {@code grpcPort} and whose state lives in {@code stateDirectory},
     * which must be empty or absent: like the test engine, each engine starts with nothing. Its clock runs with the
     * wall clock shifted by {@code clockOffset} (negative for a time in the past).
     */
    public static ZeebeTestEngine create(int grpcPort, Path stateDirectory, Duration clockOffset) {
        ControlledActorClock clock = new ControlledActorClock();
        clock.addTime(clockOffset);
        clock.update();
        ActorScheduler scheduler = ActorScheduler.newActorScheduler().setActorClock(clock).build();
        scheduler.start();

        InMemoryLogStorage logStorage = new CompactingLogStorage();
        LogStream logStream = LogStream.builder()
                .withPartitionId(PARTITION_ID)
                .withLogStorage(logStorage)
                .withClock(clock)
                .withMeterRegistry(new SimpleMeterRegistry())
                .build();
        CommandWriter commandWriter = new CommandWriter(logStream.newLogStreamWriter());
        CommandSender commandSender = new CommandSender(commandWriter);
        GatewayRequestStore requests = new GatewayRequestStore();
        InMemoryJobStreamer jobStreamer = new InMemoryJobStreamer(commandWriter);
        GrpcToLogStreamGateway gateway = new GrpcToLogStreamGateway(
                commandWriter, PARTITION_ID, PARTITION_COUNT, grpcPort, requests, jobStreamer);
        io.grpc.Server grpcServer = ServerBuilder.forPort(grpcPort).addService(gateway).build();
        GrpcResponseWriter responseWriter = new GrpcResponseWriter(gateway, requests, null);

        ZeebeDb<ZbColumnFamilies> database = rocksDb(stateDirectory);
        StreamProcessor streamProcessor =
                streamProcessor(logStream, database, scheduler, responseWriter, commandSender, jobStreamer, clock);
        EngineStateMonitor stateMonitor = new EngineStateMonitor(logStorage, streamProcessor);
        OnceReadRecordSource records = new OnceReadRecordSource(logStream.newLogStreamReader(), PARTITION_ID);
        return new InMemoryEngine(grpcServer, streamProcessor, gateway, database, logStream, scheduler, records,
                clock, stateMonitor);
    }

    private static ZeebeDb<ZbColumnFamilies> rocksDb(Path stateDirectory) {
        RocksDbConfiguration configuration = new RocksDbConfiguration().setMemoryLimit(STATE_MEMORY_LIMIT_BYTES);
        ZeebeRocksDbFactory<ZbColumnFamilies> factory = new ZeebeRocksDbFactory<>(configuration,
                new ConsistencyChecksSettings(),
                new AccessMetricsConfiguration(AccessMetricsConfiguration.Kind.NONE, PARTITION_ID),
                SimpleMeterRegistry::new);
        return factory.createDb(stateDirectory.toFile());
    }

    private static StreamProcessor streamProcessor(LogStream logStream, ZeebeDb<ZbColumnFamilies> database,
            ActorScheduler scheduler, GrpcResponseWriter responseWriter, CommandSender commandSender,
            InMemoryJobStreamer jobStreamer, ControlledActorClock clock) {
        SecurityConfiguration security = new SecurityConfiguration();
        security.getAuthorizations().setEnabled(false);
        Engine engine = new Engine(
                context -> EngineProcessors.createEngineProcessors(context, PARTITION_COUNT,
                        new SubscriptionCommandSender(context.getPartitionId(), commandSender), commandSender,
                        FeatureFlags.createDefault(), jobStreamer, SearchClientsProxy.noop(),
                        new BrokerRequestAuthorizationConverter(security)),
                new EngineConfiguration(), security);
        return StreamProcessor.builder()
                .logStream(logStream)
                .zeebeDb(database)
                .commandResponseWriter(responseWriter)
                .partitionCommandSender(commandSender)
                .recordProcessors(List.of(engine))
                .scheduledCommandCache(new PendingScheduledCommands(TimerIntent.TRIGGER, JobIntent.TIME_OUT,
                        JobIntent.RECUR_AFTER_BACKOFF, MessageIntent.EXPIRE))
                .actorSchedulingService(scheduler)
                .clock(new ControllableStreamClockImpl(clock))
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }
}
