package org.mfasuite.keycloak.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The login pages' held waits on this node. A held wait is a suspended HTTP request: no thread and no Keycloak
 * session of ours stays with it. A tick (Keycloak's timer) hands one check of every held wait to Keycloak's
 * executor, which opens ONE fresh session, reads the cluster-wide store and answers the waits that are done,
 * ended or due; the answers are sent after that session closed.
 * <p>
 * The count of held waits is node-local on purpose: it protects this node's capacity, not cluster state.
 */
public final class PushWaits {

    private static final Logger LOG = Logger.getLogger(PushWaits.class);

    /** What a wait tells the page. */
    public enum Status {
        /** answered (or enrolled): post the form */
        DONE,
        /** expired or otherwise over: post the form, the sign-in says what happened */
        ENDED,
        /** nothing yet: ask again */
        PENDING
    }

    /** What a wait waits on: a push request or an enrolment, with the epoch second it ends at. */
    public record Target(boolean enrolment, String id, long expires) {

        /** Its state in the store at {@code now}; null while it is still open. */
        Status check(SingleUseObjectProvider store, long now) {
            boolean done = enrolment ? Enrolments.isDone(store, id) : new PushChallenges(store).isAnswered(id);
            if (done) {
                return Status.DONE;
            }
            return now >= expires ? Status.ENDED : null;
        }
    }

    /** One held wait: answered once, by whoever comes first (tick, shutdown). */
    static final class Held {
        private final Target target;
        private final long dueNanos;
        private final Consumer<Status> answer;
        private final AtomicBoolean answered = new AtomicBoolean();

        Held(Target target, long dueNanos, Consumer<Status> answer) {
            this.target = target;
            this.dueNanos = dueNanos;
            this.answer = answer;
        }
    }

    private final int max;
    private final AtomicInteger held = new AtomicInteger();
    private final Queue<Held> waits = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean checking = new AtomicBoolean();

    public PushWaits(int max) {
        this.max = max;
    }

    public int max() {
        return max;
    }

    public int held() {
        return held.get();
    }

    /**
     * Holds a wait until the next tick finds it done, ended or due.
     *
     * @return false when {@link #max()} waits are held already (the caller answers 429)
     */
    public boolean hold(Target target, long dueNanos, Consumer<Status> answer) {
        if (held.incrementAndGet() > max) {
            held.decrementAndGet();
            return false;
        }
        waits.add(new Held(target, dueNanos, answer));
        return true;
    }

    /**
     * One tick: when waits are held and no check is running, runs a check on {@code executor}. {@code inSession}
     * runs its argument in a fresh session over that session's single-use store.
     */
    public void tick(Executor executor, Function<Function<SingleUseObjectProvider, Map<Held, Status>>, Map<Held, Status>> inSession,
                     LongSupplier nowSeconds, LongSupplier nowNanos) {
        if (waits.isEmpty() || !checking.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    check(inSession, nowSeconds, nowNanos);
                } catch (RuntimeException e) {
                    LOG.warnf("Push waits: check failed, retried on the next tick: %s", e.toString());
                } finally {
                    checking.set(false);
                }
            });
        } catch (RuntimeException e) {
            checking.set(false);
            LOG.warnf("Push waits: executor refused the check: %s", e.toString());
        }
    }

    /** Reads every held wait's target in one session, then answers those that are over, outside that session. */
    void check(Function<Function<SingleUseObjectProvider, Map<Held, Status>>, Map<Held, Status>> inSession,
               LongSupplier nowSeconds, LongSupplier nowNanos) {
        List<Held> snapshot = new ArrayList<>(waits);
        Map<Held, Status> over = inSession.apply(store -> {
            Map<Held, Status> found = new HashMap<>();
            long now = nowSeconds.getAsLong();
            long nanos = nowNanos.getAsLong();
            for (Held wait : snapshot) {
                Status status = wait.target.check(store, now);
                if (status == null && nanos - wait.dueNanos >= 0) {
                    status = Status.PENDING;
                }
                if (status != null) {
                    found.put(wait, status);
                }
            }
            return found;
        });
        over.forEach(this::answer);
    }

    /** Answers every held wait "pending" (the node stops; the pages ask again, elsewhere). */
    public void releaseAll() {
        for (Held wait : new ArrayList<>(waits)) {
            answer(wait, Status.PENDING);
        }
    }

    private void answer(Held wait, Status status) {
        if (!wait.answered.compareAndSet(false, true)) {
            return;
        }
        waits.remove(wait);
        held.decrementAndGet();
        try {
            wait.answer.accept(status);
        } catch (RuntimeException e) {
            LOG.debugf("Push waits: the page went away before its answer: %s", e.toString());
        }
    }
}
