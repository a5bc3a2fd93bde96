package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StageableScheduledCommandCache;
import io.camunda.zeebe.stream.api.scheduling.ScheduledCommandCache.StagedScheduledCommandCache;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The commands the engine's scheduled tasks have written (a timer's trigger, a job's time-out or return from its
 * backoff, a message's expiry) and the engine has not yet processed, so that a task running again before then leaves
 * them out rather than writing them again. A Zeebe broker gives its engine such a cache; the test engine's wiring
 * gives none.
 *
 * <p>Why: the timer checker runs again as soon as it has written, and a due timer stays in the engine's state until
 * its trigger is processed. When a clock move made 10,000 timers due at once, the checker wrote their triggers over
 * and over (103,335 for 10,000 timers, TimerBurstTest), the engine rejected every copy after the first, and the
 * burst's own work waited behind them (deploy/benchmark's README).
 *
 * <p>The stream processor forgets a command once it has processed it. Past {@link #CAPACITY} pending commands of one
 * kind, a command is not remembered and may be written twice, as without the cache.
 */
final class PendingScheduledCommands implements StageableScheduledCommandCache {

    static final int CAPACITY = 100_000;

    /** The keys pending, by the kinds of command remembered: written by the schedule's tasks, read by the processor. */
    private final Map<Intent, Set<Long>> pending;

    PendingScheduledCommands(Intent... remembered) {
        pending = Arrays.stream(remembered)
                .collect(Collectors.toUnmodifiableMap(Function.identity(), intent -> ConcurrentHashMap.newKeySet()));
    }

    @Override
    public void add(Intent intent, long key) {
        Set<Long> keys = pending.get(intent);
        if (keys != null && keys.size() < CAPACITY) {
            keys.add(key);
        }
    }

    @Override
    public boolean contains(Intent intent, long key) {
        Set<Long> keys = pending.get(intent);
        return keys != null && keys.contains(key);
    }

    @Override
    public void remove(Intent intent, long key) {
        Set<Long> keys = pending.get(intent);
        if (keys != null) {
            keys.remove(key);
        }
    }

    @Override
    public void clear() {
        pending.values().forEach(Set::clear);
    }

    /** What one run of a task writes: remembered once the write has succeeded, forgotten if it has not. */
    @Override
    public StagedScheduledCommandCache stage() {
        return new Staged();
    }

    /** Used by the one task run that staged it, on its own thread. */
    private final class Staged implements StagedScheduledCommandCache {

        private final Map<Intent, Set<Long>> staged = new HashMap<>();

        @Override
        public void add(Intent intent, long key) {
            if (pending.containsKey(intent)) {
                staged.computeIfAbsent(intent, remembered -> new HashSet<>()).add(key);
            }
        }

        @Override
        public boolean contains(Intent intent, long key) {
            return staged.getOrDefault(intent, Set.of()).contains(key)
                    || PendingScheduledCommands.this.contains(intent, key);
        }

        @Override
        public void remove(Intent intent, long key) {
            Set<Long> keys = staged.get(intent);
            if (keys != null) {
                keys.remove(key);
            }
        }

        @Override
        public void clear() {
            staged.clear();
        }

        @Override
        public void persist() {
            staged.forEach((intent, keys) -> keys.forEach(key -> PendingScheduledCommands.this.add(intent, key)));
        }

        @Override
        public void rollback() {
            staged.forEach((intent, keys) -> keys.forEach(key -> PendingScheduledCommands.this.remove(intent, key)));
        }
    }
}
