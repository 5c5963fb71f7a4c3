package io.netcron.server.quartz;

import io.netcron.server.config.QuartzConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClusteredJobStoreTest
{
    @Test
    void aNodeIsDeadOnceItsCheckInIsOlderThanItsIntervalPlusTheConfiguredSlack()
    {
        long slack = QuartzConfig.DEFAULT_FAILURE_SLACK.toMillis();
        assertThat(ClusteredJobStore.failedIfAfter(100_000, 2_000, 500, slack)).isEqualTo(100_000 + 2_000 + 3_000);
    }

    @Test
    void aStalledObserverWaitsAsLongAsItWasStalledItself()
    {
        assertThat(ClusteredJobStore.failedIfAfter(100_000, 2_000, 6_000, 3_000)).isEqualTo(100_000 + 6_000 + 3_000);
    }

    @Test
    void usesQuartzsSlackUntilConfiguredAndTheConfiguredOneAfter()
    {
        ClusteredJobStore store = new ClusteredJobStore();
        assertThat(store.getFailureSlackMillis()).isEqualTo(7_500);
        store.setFailureSlackMillis(3_000);
        assertThat(store.getFailureSlackMillis()).isEqualTo(3_000);
    }
}
