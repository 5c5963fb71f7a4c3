package io.netcron.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netcron.job.Deadline;
import io.netcron.job.JobParams;
import io.netcron.job.JobResult;
import io.netcron.job.JobSpec;
import io.netcron.job.NetcronJob;
import jakarta.inject.Inject;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Runs a job in this JVM the way a node would, without a cluster or a database: its
 * {@code @Inject} constructor gets the fakes bound here, params are checked against its params
 * record first, the clock is settable, output and progress are captured, and max runtime cancels
 * the run (resources registered with {@code onCancel} are closed, the thread is interrupted).
 *
 * <pre>{@code
 * TestRun run = JobTester.forJob(MyJob.class)
 *         .bind(Credentials.class, Credentials.of(Map.of("ipam", Credential.token("x"))))
 *         .param("site", "fra1")
 *         .run();
 * assertThat(run.resultOrThrow().values()).containsEntry("changed", 3);
 * }</pre>
 */
public final class JobTester
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_MAX_RUNTIME = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final Class<? extends NetcronJob> jobClass;
    private final NetcronJob instance;
    private final Map<Class<?>, Object> bindings = new HashMap<>();
    private ObjectNode params = JSON.createObjectNode();
    private Clock clock = Clock.systemUTC();
    private Duration maxRuntime = DEFAULT_MAX_RUNTIME;

    private JobTester(Class<? extends NetcronJob> jobClass, NetcronJob instance)
    {
        this.jobClass = requireNonNull(jobClass, "jobClass is null");
        this.instance = instance;
    }

    /** A new instance of {@code jobClass} per run, built through its {@code @Inject} (or only) constructor. */
    public static JobTester forJob(Class<? extends NetcronJob> jobClass)
    {
        return new JobTester(jobClass, null);
    }

    /** Runs this very instance. */
    public static JobTester forJob(NetcronJob job)
    {
        return new JobTester(job.getClass(), job);
    }

    /** What the job's constructor gets for {@code type} (a fake client, {@code Credentials.of(...)}). */
    public <T> JobTester bind(Class<T> type, T value)
    {
        bindings.put(requireNonNull(type, "type is null"), requireNonNull(value, "value is null"));
        return this;
    }

    /** Params as the job's params record (or any object Jackson turns into a JSON object). */
    public JobTester params(Object typed)
    {
        params = JobParams.toJson(typed);
        return this;
    }

    /** Params as JSON text, as an operator writes them into {@code netcron.job.params}. */
    public JobTester paramsJson(String json)
    {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("params must be a JSON object: " + json);
            }
            params = object;
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("params are not JSON: " + e.getOriginalMessage(), e);
        }
        return this;
    }

    /** One param ({@code snake_case} name), as {@code netcron run --param k=v} sets it. */
    public JobTester param(String name, Object value)
    {
        params.set(name, JSON.valueToTree(value));
        return this;
    }

    public JobTester clock(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
        return this;
    }

    /** A clock starting at {@code start} that the test advances. */
    public JobTester clock(Instant start)
    {
        return clock(new TestClock(start));
    }

    public JobTester maxRuntime(Duration maxRuntime)
    {
        this.maxRuntime = requireNonNull(maxRuntime, "maxRuntime is null");
        return this;
    }

    /** Runs the job once and waits for it (at most max runtime plus a short grace). */
    public TestRun run()
    {
        JobSpec spec = jobClass.getAnnotation(JobSpec.class);
        String name = spec == null ? jobClass.getSimpleName() : spec.name();
        TestContext context = new TestContext(name, params.deepCopy(), clock, Deadline.after(maxRuntime));
        try {
            if (spec != null && spec.paramsType() != Void.class) {
                JobParams.bind(context.params(), spec.paramsType());
            }
        }
        catch (RuntimeException e) {
            return new TestRun(null, e, context.outputLines(), context.progressReports(), false);
        }
        FutureTask<JobResult> task = new FutureTask<>(() -> (instance != null ? instance : construct()).execute(context));
        Thread thread = Thread.ofPlatform().daemon().name("netcron-test-" + name).start(task);
        try {
            JobResult result = task.get(maxRuntime.toNanos(), TimeUnit.NANOSECONDS);
            return new TestRun(result == null ? JobResult.empty() : result, null, context.outputLines(), context.progressReports(), false);
        }
        catch (ExecutionException e) {
            return new TestRun(null, e.getCause(), context.outputLines(), context.progressReports(), false);
        }
        catch (TimeoutException e) {
            context.cancellation.cancel("max runtime exceeded");
            thread.interrupt();
            Throwable failure = new TimeoutException("max runtime " + maxRuntime + " exceeded");
            try {
                task.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException | TimeoutException ignored) {
                // timed out either way
            }
            catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return new TestRun(null, failure, context.outputLines(), context.progressReports(), true);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.cancellation.cancel("the test was interrupted");
            thread.interrupt();
            return new TestRun(null, e, context.outputLines(), context.progressReports(), false);
        }
    }

    private NetcronJob construct()
            throws Exception
    {
        Constructor<?> constructor = constructor();
        Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(type -> {
                    Object value = bindings.get(type);
                    if (value == null) {
                        throw new IllegalStateException(jobClass.getSimpleName() + " needs a " + type.getSimpleName()
                                + ": add .bind(" + type.getSimpleName() + ".class, ...) to the JobTester");
                    }
                    return value;
                })
                .toArray();
        try {
            return (NetcronJob) constructor.newInstance(arguments);
        }
        catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private Constructor<?> constructor()
            throws NoSuchMethodException
    {
        Constructor<?>[] all = jobClass.getDeclaredConstructors();
        for (Constructor<?> candidate : all) {
            if (candidate.isAnnotationPresent(Inject.class)) {
                candidate.setAccessible(true);
                return candidate;
            }
        }
        if (all.length == 1) {
            all[0].setAccessible(true);
            return all[0];
        }
        return jobClass.getDeclaredConstructor();
    }
}
