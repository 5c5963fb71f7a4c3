package io.netcron.job;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CancellationTest
{
    @Test
    void cancelClosesRegisteredResourcesOnceAndLateOnesAtOnce()
    {
        Cancellation cancellation = new Cancellation();
        List<String> closed = new ArrayList<>();
        cancellation.register(() -> closed.add("socket"));
        Cancellation.Registration done = cancellation.register(() -> closed.add("finished-session"));
        done.close();

        cancellation.cancel("max runtime");
        cancellation.cancel("again");
        cancellation.register(() -> closed.add("late"));

        assertThat(closed).containsExactly("socket", "late");
        assertThat(cancellation.reason()).contains("max runtime");
    }
}
