package uk.redress.complaint.process;

import java.util.Optional;

/**
 * The release whose processes the engine holds as the latest versions, the ones new complaints start on (they start
 * on a message, which only a process's latest version receives), as the database records it for every instance.
 *
 * <p>In a rolling update the old release's instances run beside the new one's. An old instance that restarts must
 * not deploy its processes again: the engine would take them as newer versions, and new complaints would start on
 * the old procedure. So an instance deploys at start only when no newer release has been deployed, or when it is
 * told it is a roll-back; the releases rolled back from are withdrawn, and one of their instances still restarting
 * (a release rolled back because it crashes restarts often) does not deploy either. After the engine has lost its
 * state, whichever instance noticed it deploys its own processes, the only ones it has; a newer release still running
 * then puts its own back.
 *
 * @param restoredAfterLoss deployed by the instance that noticed the engine had lost its state, which may have been
 *                          an older release's
 * @param withdrawnUpTo     the newest release rolled back from: none up to it deploys again unless rolled back to
 */
public record DeployedRelease(Release release, boolean restoredAfterLoss, Optional<Release> withdrawnUpTo) {

    /** Whether an instance of release {@code ours} starting deploys its processes. */
    public static boolean deploysAtStart(Release ours, Optional<DeployedRelease> deployed, boolean rollBack) {
        return rollBack || deployed.map(known -> !known.release().isNewerThan(ours)
                && (ours.compareTo(known.release()) == 0 || !known.withdraws(ours))).orElse(true);
    }

    /** Whether a running instance of release {@code ours} puts its processes back over those restored after a loss. */
    public static boolean putsBack(Release ours, Optional<DeployedRelease> deployed) {
        return deployed.map(known -> known.restoredAfterLoss() && ours.isNewerThan(known.release())
                && !known.withdraws(ours)).orElse(false);
    }

    /**
     * What is recorded once release {@code ours} has deployed its processes at start: a newer release deployed before
     * (a roll-back) is withdrawn.
     */
    public static DeployedRelease deployedAtStart(Release ours, Optional<DeployedRelease> before) {
        Optional<Release> withdrawn = before.flatMap(DeployedRelease::withdrawnUpTo);
        Optional<Release> rolledBackFrom = before.map(DeployedRelease::release)
                .filter(known -> known.isNewerThan(ours));
        if (rolledBackFrom.isPresent() && withdrawn.map(rolledBackFrom.get()::isNewerThan).orElse(true)) {
            withdrawn = rolledBackFrom;
        }
        return new DeployedRelease(ours, false, withdrawn);
    }

    /** What is recorded once release {@code ours} has deployed its processes on an engine that lost its state. */
    public static DeployedRelease restoredAfterLoss(Release ours, Optional<DeployedRelease> before) {
        return new DeployedRelease(ours, true, before.flatMap(DeployedRelease::withdrawnUpTo));
    }

    private boolean withdraws(Release other) {
        return withdrawnUpTo.map(upTo -> !other.isNewerThan(upTo)).orElse(false);
    }
}
